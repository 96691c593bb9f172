import Foundation
@_spi(Internals) import NNData
import Testing

/// Facts about the bundled copy, taken from scikit-learn's iris (the CSV it was made from), not from our output.
@Suite("Bundled iris")
struct BundledIrisTests {
  @Test("has 150 samples, 4 features and 50 of each class in UCI order")
  func shape() throws {
    let iris = try Dataset.iris()
    #expect(iris.name == "iris")
    #expect(iris.count == 150)
    #expect(iris.featureCount == 4)
    #expect(iris.classNames == ["Iris-setosa", "Iris-versicolor", "Iris-virginica"])
    #expect(iris.classCounts == [50, 50, 50])
    // The UCI file is sorted by class: rows 0–49 setosa, 50–99 versicolor, 100–149 virginica.
    #expect(iris.labels == (0..<150).map { $0 / 50 })
  }

  @Test("first, class-boundary and last rows match the CSV")
  func knownRows() throws {
    let iris = try Dataset.iris()
    #expect(iris.features.row(0) == [5.1, 3.5, 1.4, 0.2])
    #expect(iris.features.row(49) == [5.0, 3.3, 1.4, 0.2])
    #expect(iris.features.row(50) == [7.0, 3.2, 4.7, 1.4])
    #expect(iris.features.row(100) == [6.3, 3.3, 6.0, 2.5])
    #expect(iris.features.row(149) == [5.9, 3.0, 5.1, 1.8])
  }

  @Test("column sums match the CSV (means 5.8433, 3.0573, 3.758, 1.1993)")
  func columnSums() throws {
    let iris = try Dataset.iris()
    let expected = [876.5, 458.6, 563.7, 179.9]
    for column in 0..<4 {
      let sum = (0..<iris.count).reduce(0.0) { $0 + iris.features[$1, column] }
      #expect(abs(sum - expected[column]) < 1e-9, "column \(column)")
    }
  }

  @Test("the bundled loader and Dataset.iris() agree")
  func sameData() throws {
    #expect(try IrisLoader.bundled() == Dataset.iris())
  }

  @Test("the resource is found in SwiftPM's resource bundle next to the test binary")
  func foundInResourceBundle() throws {
    let url = try BundledResource.url(forResource: "iris", withExtension: "data")
    // Not the source tree's Resources folder, the last resort: the copy SwiftPM installed beside the program.
    #expect(
      BundledResource.bundleNames.contains { url.path.contains("/\($0)/") }, "found at \(url.path)")
    #expect(url.lastPathComponent == "iris.data")
  }

  @Test("a resource that does not exist is an error listing where it was looked for")
  func missingResource() throws {
    let error = try #require(throws: DataError.self) {
      try BundledResource.url(forResource: "no-such-file", withExtension: "data")
    }
    guard case .missingResource(let name, let searched) = error else {
      Issue.record("expected missingResource, got \(error)")
      return
    }
    #expect(name == "no-such-file.data")
    #expect(!searched.isEmpty)
    #expect(searched.contains { $0.hasSuffix(BundledResource.bundleNames[0]) })
    #expect(
      error.description.hasPrefix("the bundled resource no-such-file.data is missing; looked in: "))
  }
}
