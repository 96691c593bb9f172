import Foundation
import NNCore
import Testing

/// Matrices of `Float`: their making, conversions, products against a `Double` oracle, and coding.
@Suite("Matrix element types")
struct MatrixElementTypeTests {
  @Test("a float32 matrix holds rounded values and reads them back widened")
  func rounding() {
    var matrix = Matrix(rows: 2, columns: 2, repeating: 0.1, elementType: .float32)
    #expect(matrix.elementType == .float32)
    // 0.1 is not a float: the float nearest to it is 0.100000001490116119384765625.
    #expect(matrix[0, 0] == Double(Float(0.1)))
    #expect(matrix[0, 0] != 0.1)
    matrix[1, 1] = 1.0 / 3
    #expect(matrix[1, 1] == Double(Float(1.0 / 3)))
    #expect(matrix.elements == [Double(Float(0.1)), Double(Float(0.1)), Double(Float(0.1)), Double(Float(1.0 / 3))])
    #expect(matrix.elementArray(as: Float.self) == [0.1, 0.1, 0.1, Float(1.0 / 3)])
    #expect(Matrix(rows: 1, columns: 2, elements: [1, 2]).elementType == .float64)
    #expect(Matrix(rows: 1, columns: 2, elements: [Float(1), 2]).elementType == .float32)
  }

  @Test("conversion widens exactly and rounds to nearest; a round trip through float64 is the identity")
  func conversion() {
    let values: [Double] = [1e-40, -0.1, 3.141592653589793, 1e38, 16_777_217]
    let wide = Matrix(rows: 1, columns: 5, elements: values)
    let narrow = wide.converted(to: .float32)
    #expect(narrow.elementType == .float32)
    #expect(narrow.elementArray(as: Float.self) == values.map { Float($0) })
    // 2^24 + 1 is the first integer a float cannot hold: it rounds to even, 2^24.
    #expect(narrow[0, 4] == 16_777_216)
    #expect(narrow.converted(to: .float64).converted(to: .float32) == narrow)
    #expect(wide.converted(to: .float64) == wide)
  }

  @Test("assign and gatherRows keep the target's element type and convert")
  func assignAndGather() {
    let source = Matrix([[1.5, 2.25], [0.1, -4], [7, 8]])
    var target = Matrix(rows: 0, columns: 0, elementType: .float32)
    target.assign(source)
    #expect(target.elementType == .float32)
    #expect(target.elements == source.elements.map { Double(Float($0)) })
    var batch = Matrix(rows: 0, columns: 2, elementType: .float32)
    [2, 0].withUnsafeBufferPointer { batch.gatherRows(of: source, at: $0) }
    #expect(batch.elementType == .float32)
    #expect(batch.elements == [7, 8, 1.5, 2.25])
    var same = Matrix(rows: 0, columns: 2, elementType: .float32)
    [1].withUnsafeBufferPointer { same.gatherRows(of: target, at: $0) }
    #expect(same.elementArray(as: Float.self) == [0.1, -4])
  }

  @Test("sgemm products agree with the float64 product of the same rounded factors to float32 accuracy")
  func products() {
    let random = RandomSource(seed: 7)
    for (m, k, n) in [(1, 1, 1), (3, 5, 2), (17, 33, 9), (64, 128, 10)] {
      for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
        var a = Matrix(rows: transposeA ? k : m, columns: transposeA ? m : k)
        var b = Matrix(rows: transposeB ? n : k, columns: transposeB ? k : n)
        for row in 0..<a.rows { for column in 0..<a.columns { a[row, column] = random.normal() } }
        for row in 0..<b.rows { for column in 0..<b.columns { b[row, column] = random.normal() } }
        let (a32, b32) = (a.converted(to: .float32), b.converted(to: .float32))
        var exact = Matrix(rows: m, columns: n)
        Matrix.multiply(
          a32.converted(to: .float64), transposeA: transposeA, b32.converted(to: .float64), transposeB: transposeB,
          into: &exact)
        var single = Matrix(rows: m, columns: n, elementType: .float32)
        Matrix.multiply(a32, transposeA: transposeA, b32, transposeB: transposeB, into: &single)
        // Each entry is a k-term dot product: its float32 error is below k·u·Σ|aᵢbᵢ| (u = 2⁻²⁴).
        for row in 0..<m {
          for column in 0..<n {
            var magnitude = 0.0
            for index in 0..<k {
              let left = transposeA ? a32[index, row] : a32[row, index]
              let right = transposeB ? b32[column, index] : b32[index, column]
              magnitude += abs(left * right)
            }
            let bound = Double(k) * ElementType.float32.unitRoundoff * magnitude + 1e-30
            #expect(abs(single[row, column] - exact[row, column]) <= bound, "\(m)×\(k)×\(n) at \(row), \(column)")
          }
        }
      }
    }
  }

  @Test("elementwise operations in float32 equal float64 ones rounded, where float64 is exact")
  func elementwise() {
    var matrix = Matrix([[1, 2, 3], [4, 5, 6]]).converted(to: .float32)
    matrix.addToEachRow(Matrix([[0.5, 0.25, -1]]).converted(to: .float32))
    #expect(matrix.elements == [1.5, 2.25, 2, 4.5, 5.25, 5])
    var sums = Matrix(rows: 1, columns: 3, elementType: .float32)
    matrix.sumColumns(into: &sums)
    #expect(sums.elements == [6, 7.5, 7])
    matrix.scale(by: 2)
    #expect(matrix.elements == [3, 4.5, 4, 9, 10.5, 10])
    matrix.add(matrix, scaledBy: -0.5)
    #expect(matrix.elements == [1.5, 2.25, 2, 4.5, 5.25, 5])
    #expect(matrix.sum() == 20.5)
    #expect(matrix.maximumMagnitude() == 5.25)
    #expect(matrix.argmaxOfRows() == [1, 1])
    #expect(matrix.transposed.elementType == .float32)
    #expect(matrix.transposed.elements == [1.5, 4.5, 2.25, 5.25, 2, 5])
  }

  @Test("a float32 matrix codes its type and its elements; a float64 one codes as before")
  func coding() throws {
    let single = Matrix(rows: 1, columns: 3, elements: [Float(0.1), -2, 3.5])
    let data = try JSONEncoder().encode(single)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"element_type\":\"float32\""))
    #expect(text.contains("0.1,"))
    let decoded = try JSONDecoder().decode(Matrix.self, from: data)
    #expect(decoded == single)
    let double = Matrix([[0.1, 2]])
    let doubleText = String(decoding: try JSONEncoder().encode(double), as: UTF8.self)
    #expect(!doubleText.contains("element_type"))
    #expect(try JSONDecoder().decode(Matrix.self, from: Data(doubleText.utf8)) == double)
    let unknown = #"{"rows":1,"columns":1,"element_type":"float16","elements":[1]}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(unknown.utf8)) }
    let tooLarge = #"{"rows":1,"columns":1,"element_type":"float32","elements":[1e300]}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(tooLarge.utf8)) }
  }

  @Test("element type names")
  func names() {
    #expect(ElementType(named: "float32") == .float32)
    #expect(ElementType(named: "Float") == .float32)
    #expect(ElementType(named: "double") == .float64)
    #expect(ElementType(named: "float16") == nil)
    #expect(ElementType.float32.bytesPerElement == 4)
    #expect(ElementType.float32.unitRoundoff == 0x1p-24)
    #expect(ElementType.float64.unitRoundoff == 0x1p-53)
  }

  @Test("mixing element types in one operation, or reading float32 elements as Double pointers, stops")
  func mixedTypesStop() async {
    await #expect(processExitsWith: .failure) {
      var result = Matrix(rows: 1, columns: 1)
      Matrix.multiply(Matrix([[1]]), Matrix([[1]]).converted(to: .float32), into: &result)
    }
    await #expect(processExitsWith: .failure) {
      var sum = Matrix([[1, 2]])
      sum.add(Matrix([[1, 2]]).converted(to: .float32))
    }
    await #expect(processExitsWith: .failure) {
      _ = Matrix([[1, 2]]).converted(to: .float32).withUnsafeBufferPointer { $0[0] }
    }
  }
}
