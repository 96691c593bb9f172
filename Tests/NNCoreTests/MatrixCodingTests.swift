import Foundation
import NNCore
import Testing

/// `Matrix` as JSON: bit-exact round trips, hand-written files, and files whose shape and elements disagree.
@Suite("Matrix coding")
struct MatrixCodingTests {
  /// Values whose decimal text is easy to get wrong: inexact fractions, subnormals, extremes, negative zero.
  static let awkwardValues: [Double] = [
    0.1, 1e-300, -0.0, 0.0, 1.0 / 3.0, -2.5e17, Double.pi, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
    Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 123_456_789.123_456_789,
  ]

  @Test("a 3×4 matrix of awkward values survives JSON bit for bit")
  func roundTripIsBitExact() throws {
    let original = Matrix(rows: 3, columns: 4, elements: Self.awkwardValues)
    let data = try JSONEncoder().encode(original)
    let decoded = try JSONDecoder().decode(Matrix.self, from: data)
    #expect(decoded.rows == 3 && decoded.columns == 4)
    #expect(bitPatterns(decoded.elements) == bitPatterns(original.elements))
  }

  @Test("empty shapes survive JSON")
  func roundTripEmpty() throws {
    for original in [Matrix(rows: 0, columns: 5), Matrix(rows: 2, columns: 0), Matrix([])] {
      let decoded = try JSONDecoder().decode(Matrix.self, from: JSONEncoder().encode(original))
      #expect(decoded == original)
      #expect(decoded.rows == original.rows && decoded.columns == original.columns)
    }
  }

  @Test("a hand-written file lists the elements row after row")
  func decodesHandWrittenFile() throws {
    let json = #"{"rows": 2, "columns": 3, "elements": [1, 2, 3, 4, 5.5, -6]}"#
    let matrix = try JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
    expectMatrix(matrix, rows: 2, columns: 3, [1, 2, 3, 4, 5.5, -6])
    #expect(matrix[1, 1] == 5.5)
  }

  @Test(
    "a file whose element count does not match its shape is rejected",
    arguments: [
      #"{"rows": 2, "columns": 3, "elements": [1, 2, 3, 4, 5]}"#,
      #"{"rows": 2, "columns": 3, "elements": [1, 2, 3, 4, 5, 6, 7]}"#,
      #"{"rows": 0, "columns": 3, "elements": [1]}"#,
      #"{"rows": -1, "columns": 3, "elements": []}"#,
      #"{"rows": 2, "columns": -3, "elements": []}"#,
      #"{"rows": -2, "columns": -3, "elements": [1, 2, 3, 4, 5, 6]}"#,
    ])
  func rejectsWrongElementCount(json: String) {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
    }
  }

  @Test("a file missing a key is rejected")
  func rejectsMissingKey() {
    let json = #"{"rows": 1, "elements": [1]}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
    }
  }

  @Test("a file whose rows × columns overflows is rejected instead of stopping the program")
  func rejectsOverflowingShape() async {
    // 2⁶² × 4 = 2⁶⁴ does not fit an Int; a corrupt file must give a DecodingError, not a trap.
    await #expect(processExitsWith: .success) {
      let json = #"{"rows": 4611686018427387904, "columns": 4, "elements": []}"#
      let decoded = try? JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
      precondition(decoded == nil, "decoded an impossible shape")
    }
  }

  @Test("a file with a hugely negative shape is rejected instead of stopping the program")
  func rejectsOverflowingNegativeShape() async {
    // −2⁶² × 4 = −2⁶⁴ does not fit an Int either, not even in the error message.
    await #expect(processExitsWith: .success) {
      let json = #"{"rows": -4611686018427387904, "columns": 4, "elements": []}"#
      let decoded = try? JSONDecoder().decode(Matrix.self, from: Data(json.utf8))
      precondition(decoded == nil, "decoded an impossible shape")
    }
  }
}
