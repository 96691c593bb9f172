import Foundation
import NNCore
import Testing

@testable import NNTraining

/// Matrices as JSON text: read only when `Matrix`'s own decoding would give the same matrix without an error,
/// left to that decoding otherwise; written as JSONEncoder writes them.
@Suite("model file: matrix text")
struct MatrixTextTests {
  /// The matrix read from `text`, and where reading stopped; `nil` when the text is left to Foundation.
  static func read(_ text: String) -> (matrix: Matrix, end: Int)? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { MatrixText.read($0, at: 0) }
  }

  /// The matrix Foundation's decoder makes of `text`, or `nil` when it throws.
  static func decoded(_ text: String) -> Matrix? {
    try? JSONDecoder().decode(Matrix.self, from: Data(text.utf8))
  }

  @Test(
    "objects Foundation decodes are read to the same matrix, in any key order and spacing",
    arguments: [
      #"{"columns":3,"elements":[1,2.5,-3,4e2,5E-3,-0],"rows":2}"#,
      #"{"rows":2,"columns":3,"elements":[1,2,3,4,5,6]}"#,
      #"{ "elements" : [ 0.1 , 0.2 , 0.3 ] , "rows" : 1 , "columns" : 3 }"#,
      "{\n\t\"columns\":1,\r\n\"elements\":[5e-324],\"rows\":1}",
      #"{"columns":0,"elements":[],"rows":4}"#, #"{"columns":3,"elements":[ ],"rows":0}"#,
      #"{"columns":0,"elements":[],"rows":0}"#,
      #"{"columns":2,"elements":[1.7976931348623157e308,-2.2250738585072014e-308],"rows":1}"#,
    ])
  func readsWhatFoundationDecodes(text: String) throws {
    let expected = try #require(Self.decoded(text))
    let read = try #require(Self.read(text))
    #expect(read.end == text.utf8.count)
    #expect(read.matrix.rows == expected.rows && read.matrix.columns == expected.columns)
    #expect(read.matrix.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern))
  }

  @Test(
    "anything else is left to Foundation",
    arguments: [
      // The element count does not match the shape, or the shape overflows.
      #"{"columns":3,"elements":[1,2,3,4,5],"rows":2}"#, #"{"columns":3,"elements":[1,2,3,4,5,6,7],"rows":2}"#,
      #"{"columns":4294967296,"elements":[1],"rows":4294967296}"#,
      #"{"columns":999999999999999999,"elements":[1,2],"rows":999999999999999999}"#,
      #"{"columns":100000000000000000,"elements":[1],"rows":1}"#,
      #"{"columns":3,"elements":[],"rows":1}"#, #"{"columns":0,"elements":[1],"rows":1}"#,
      // Shapes that are not plain non-negative integers.
      #"{"columns":-1,"elements":[],"rows":0}"#, #"{"columns":1.0,"elements":[1],"rows":1}"#,
      #"{"columns":1e0,"elements":[1],"rows":1}"#, #"{"columns":01,"elements":[1],"rows":1}"#,
      #"{"columns":"1","elements":[1],"rows":1}"#, #"{"columns":null,"elements":[1],"rows":1}"#,
      #"{"columns":1234567890123456789,"elements":[],"rows":0}"#,
      // Malformed or unrepresentable numbers.
      #"{"columns":1,"elements":[NaN],"rows":1}"#, #"{"columns":1,"elements":[Infinity],"rows":1}"#,
      #"{"columns":1,"elements":[1e400],"rows":1}"#, #"{"columns":1,"elements":[1e-400],"rows":1}"#,
      #"{"columns":1,"elements":[01],"rows":1}"#, #"{"columns":1,"elements":[1.],"rows":1}"#,
      #"{"columns":1,"elements":[.5],"rows":1}"#, #"{"columns":1,"elements":[+1],"rows":1}"#,
      #"{"columns":2,"elements":[1 2],"rows":1}"#, #"{"columns":2,"elements":[1,,2],"rows":1}"#,
      #"{"columns":1,"elements":[1,],"rows":1}"#, #"{"columns":1,"elements":[,1],"rows":1}"#,
      #"{"columns":1,"elements":["1"],"rows":1}"#, #"{"columns":1,"elements":[[1]],"rows":1}"#,
      #"{"columns":1,"elements":[null],"rows":1}"#, #"{"columns":1,"elements":[1.5.2],"rows":1}"#,
      #"{"columns":1,"elements":[0x1],"rows":1}"#, #"{"columns":1,"elements":[1\u0000],"rows":1}"#,
      // Keys missing, repeated, unknown or escaped; broken objects.
      #"{"columns":1,"elements":[1]}"#, #"{"columns":1,"elements":[1],"rows":1,"rows":1}"#,
      #"{"columns":1,"elements":[1],"rows":1,"extra":0}"#, #"{"columns":1,"elements":[1],"r\u006fws":1}"#,
      #"{"columns":1,"elements":[1],"rows":1,}"#, #"{"columns":1 "elements":[1],"rows":1}"#,
      #"{"columns":1,"elements":{"0":1},"rows":1}"#, #"["columns",1]"#, "", "{",
    ])
  func leavesTheRest(text: String) {
    #expect(Self.read(text) == nil, "\(text)")
  }

  @Test("a saved matrix cut anywhere is left to Foundation, and reading never runs past the text")
  func truncated() throws {
    let matrix = Matrix(rows: 3, columns: 4, elements: (0..<12).map { Double($0) * -0.37 + 1e-9 })
    var bytes: [UInt8] = []
    #expect(MatrixText.append(matrix, to: &bytes) == nil)
    for length in 0..<bytes.count {
      let prefix = Array(bytes.prefix(length))
      #expect(prefix.withUnsafeBufferPointer { MatrixText.read($0, at: 0) } == nil, "\(length) bytes")
    }
    let whole = try #require(bytes.withUnsafeBufferPointer { MatrixText.read($0, at: 0) })
    #expect(whole.matrix == matrix && whole.end == bytes.count)
  }

  @Test("a matrix is written as JSONEncoder writes it; a non-finite element is reported by index")
  func writes() throws {
    let matrix = Matrix(rows: 2, columns: 3, elements: [1, -0.0, 0.1, Double.leastNonzeroMagnitude, 1e22, -123.456])
    var bytes: [UInt8] = []
    #expect(MatrixText.append(matrix, to: &bytes) == nil)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(Data(bytes) == (try encoder.encode(matrix)))
    var rejected: [UInt8] = []
    #expect(MatrixText.append(Matrix(rows: 1, columns: 3, elements: [1, .nan, 2]), to: &rejected) == 1)
    #expect(MatrixText.append(Matrix(rows: 1, columns: 1, elements: [-.infinity]), to: &rejected) == 0)
  }
}
