import Foundation
import NNCore
import NNData
import Testing

/// Single-precision MAT variables stay float32 through loading, writing and standardisation.
@Suite("single-precision data")
struct SinglePrecisionDataTests {
  /// Values a `Double` round trip would not keep as written if they were widened and rounded the wrong way.
  static let matrix = Matrix(
    rows: 2, columns: 3,
    elements: [Float(0.1), -Float.leastNormalMagnitude * 0.25, 3.4e38, Float(1).nextUp, -0.0, 16_777_218])

  @Test(
    "a float32 matrix is written as a single variable and read back as float32, to the bit",
    arguments: MatVersion.allCases)
  func roundTrip(_ version: MatVersion) throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("single.mat")
    try MatFile.write(
      [(name: "values", matrix: Self.matrix), (name: "wide", matrix: Matrix([[0.1]]))], to: url, version: version)
    let file = try MatFile(contentsOf: url)
    // Version 4 files hold double arrays only: the values are widened, exactly.
    let expected: (MatClass, ElementType) = version == .v4 ? (.double, .float64) : (.single, .float32)
    #expect(try file.variable(named: "values").matlabClass == expected.0)
    #expect(try file.variable(named: "wide").matlabClass == .double)
    let read = try file.matrix(named: "values").converted(to: .float32)
    #expect(try file.matrix(named: "values").elementType == expected.1)
    #expect(
      read.elementArray(as: Float.self).map(\.bitPattern) == Self.matrix.elementArray(as: Float.self).map(\.bitPattern))
    #expect(try file.matrix(named: "wide") == Matrix([[0.1]]))
  }

  @Test("a single-precision data file loads float32 features; the label column is taken out in float32")
  func loading() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("samples.mat")
    let samples = Matrix(
      rows: 4, columns: 3, elements: [Float(0.1), 0.2, 0, 0.3, 0.4, 1, Float(1) / 3, 0.5, 0, 0.7, 0.9, 1])
    try MatFile.write(samples, named: "samples", to: url)
    let data = try MatLoader.load(contentsOf: url)
    #expect(data.elementType == .float32)
    #expect(
      data.features == Matrix(rows: 4, columns: 2, elements: [Float(0.1), 0.2, 0.3, 0.4, Float(1) / 3, 0.5, 0.7, 0.9]))
    #expect(data.labels == [0, 1, 0, 1])
    let widened = data.converted(to: .float64)
    #expect(widened.features.elementType == .float64 && widened.targets.elementType == .float64)
    #expect(widened.features.elements == data.features.elements)  // widening is exact
    let narrowed = widened.converted(to: .float32)
    #expect(narrowed.features == data.features && narrowed.targets.elementType == .float32)
  }

  @Test("standardising float32 features computes in Double and rounds each result once")
  func standardisation() throws {
    let features = Matrix(rows: 3, columns: 2, elements: [Float(1.5), 10, 2.5, 20, 4, 60])
    let standardization = try Standardization(fittedTo: features)
    let standardized = try standardization.applied(to: features)
    #expect(standardized.elementType == .float32)
    let expected = (0..<6).map { index -> Float in
      let column = index % 2
      return Float((features.elements[index] - standardization.means[column]) / standardization.scales[column])
    }
    #expect(standardized.elementArray(as: Float.self) == expected)
    let restored = try standardization.inverted(standardized)
    #expect(restored.elementType == .float32)
    for (value, original) in zip(restored.elements, features.elements) {
      #expect(abs(value - original) <= 4 * Double(Float.ulpOfOne) * abs(original))
    }
  }
}
