import NNCore
import Testing

@testable import NNData

/// Keeping some classes of a data set: the samples kept, their new labels and targets, and bad names.
@Suite("Selecting classes")
struct ClassSelectionTests {
  /// Five samples of three classes; feature value = sample index, so kept rows are easy to read.
  private func threeClasses() throws -> Dataset {
    try Dataset(
      name: "toy", features: Matrix(rows: 5, columns: 1, elements: [0, 1, 2, 3, 4]), labels: [0, 2, 1, 2, 0],
      classNames: ["a", "b", "c"])
  }

  @Test("keeps the named classes in order and numbers them as named")
  func keepsAndRenumbers() throws {
    let selected = try threeClasses().selectingClasses(["c", "a"])
    // Samples 0 (a), 1 (c), 3 (c), 4 (a) remain; c becomes label 0 and a label 1.
    #expect(selected.features.elements == [0, 1, 3, 4])
    #expect(selected.labels == [1, 0, 0, 1])
    #expect(selected.classNames == ["c", "a"])
    #expect(selected.targets.columns == 2)
    #expect(selected.targets.elements == [0, 1, 1, 0, 1, 0, 0, 1])
  }

  @Test("the bundled iris file gives a two-class problem of 100 samples")
  func irisPair() throws {
    let pair = try IrisLoader.bundled().selectingClasses(["Iris-versicolor", "Iris-virginica"])
    #expect(pair.count == 100)
    #expect(pair.classCount == 2)
    #expect(pair.labels?.filter { $0 == 0 }.count == 50)
  }

  @Test(
    "refuses an unknown, repeated or single class name",
    arguments: [
      (["a", "d"], "has no class 'd'; its classes: a, b, c"),
      (["a", "a"], "'a' is named twice"),
      (["a"], "expected at least two class names, got 1"),
    ])
  func badNames(names: [String], message: String) throws {
    let error = #expect(throws: DataError.self) { try threeClasses().selectingClasses(names) }
    #expect(error?.description.contains(message) == true, "\(String(describing: error))")
  }

  @Test("a regression data set has no classes to choose from")
  func regression() throws {
    let data = try Dataset(
      name: "values", features: Matrix(rows: 2, columns: 1, elements: [0, 1]),
      targets: Matrix(rows: 2, columns: 1, elements: [0.5, 1.5]), labels: nil, classNames: [])
    #expect(throws: DataError.self) { try data.selectingClasses(["a", "b"]) }
  }
}
