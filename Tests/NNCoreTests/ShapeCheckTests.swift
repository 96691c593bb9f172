import NNCore
import Testing

/// The programming errors `Matrix` and `RandomSource` stop on (mismatched shapes, bad indices and bounds), each
/// run in a child process that must fail.
@Suite("Shape and range checks")
struct ShapeCheckTests {
  @Test("an element count that does not match the shape stops")
  func wrongElementCount() async {
    await #expect(processExitsWith: .failure) {
      _ = Matrix(rows: 2, columns: 2, elements: [1, 2, 3])
    }
  }

  @Test("rows of different lengths stop")
  func raggedRows() async {
    await #expect(processExitsWith: .failure) {
      _ = Matrix([[1, 2], [3]])
    }
  }

  @Test("a negative shape stops")
  func negativeShape() async {
    await #expect(processExitsWith: .failure) {
      _ = Matrix(rows: -1, columns: 2)
    }
  }

  @Test("a column index past the end stops even when the flat index would be in range")
  func columnOutOfRange() async {
    await #expect(processExitsWith: .failure) {
      let matrix = Matrix([[1, 2], [3, 4]])
      _ = matrix[0, 2]
    }
  }

  @Test("adding matrices of different shapes with the same count stops")
  func addDifferentShapes() async {
    await #expect(processExitsWith: .failure) {
      var matrix = Matrix(rows: 2, columns: 3)
      matrix.add(Matrix(rows: 3, columns: 2))
    }
  }

  @Test("a row vector of the wrong width stops addToEachRow")
  func addToEachRowWrongWidth() async {
    await #expect(processExitsWith: .failure) {
      var matrix = Matrix(rows: 2, columns: 3)
      matrix.addToEachRow(Matrix(rows: 1, columns: 2))
    }
  }

  @Test("a product with different inner dimensions stops")
  func productInnerMismatch() async {
    await #expect(processExitsWith: .failure) {
      var result = Matrix(rows: 2, columns: 2)
      Matrix.multiply(Matrix(rows: 2, columns: 3), Matrix(rows: 2, columns: 2), into: &result)
    }
  }

  @Test("a product into a result of the wrong shape stops")
  func productResultMismatch() async {
    await #expect(processExitsWith: .failure) {
      var result = Matrix(rows: 2, columns: 3)
      Matrix.multiply(Matrix(rows: 2, columns: 3), Matrix(rows: 3, columns: 2), into: &result)
    }
  }

  @Test("integer(below:) with a bound of zero stops")
  func integerBelowZero() async {
    await #expect(processExitsWith: .failure) {
      _ = RandomSource(seed: 1).integer(below: 0)
    }
  }

  @Test("drawing more elements than the buffer holds stops")
  func drawTooMany() async {
    await #expect(processExitsWith: .failure) {
      var values = [1, 2, 3]
      values.withUnsafeMutableBufferPointer { RandomSource(seed: 1).drawWithoutReplacement(4, from: $0) }
    }
  }
}
