import NNCore
import Testing

/// Construction, row-major layout, element access, equality and value semantics of `Matrix`.
@Suite("Matrix storage")
struct MatrixTests {
  @Test("a 2×3 matrix built from rows stores them row after row")
  func rowMajorLayoutFromRows() {
    let matrix = Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(matrix.rows == 2)
    #expect(matrix.columns == 3)
    #expect(matrix.shape.rows == 2 && matrix.shape.columns == 3)
    #expect(matrix.count == 6)
    #expect(matrix.elements == [1, 2, 3, 4, 5, 6])
    #expect(matrix[0, 2] == 3)
    #expect(matrix[1, 0] == 4)
    #expect(matrix.row(0) == [1, 2, 3])
    #expect(matrix.row(1) == [4, 5, 6])
  }

  @Test("element (row, column) of a 3×4 matrix is elements[row · 4 + column]")
  func elementIndexFormula() {
    let matrix = Matrix(rows: 3, columns: 4, elements: (0..<12).map(Double.init))
    for row in 0..<3 {
      for column in 0..<4 {
        #expect(matrix[row, column] == Double(row * 4 + column), "(\(row), \(column))")
      }
    }
  }

  @Test("setting an element changes exactly one position of the row-major storage")
  func subscriptSetter() {
    var matrix = Matrix(rows: 2, columns: 3)
    matrix[1, 2] = 9
    matrix[0, 1] = -4
    #expect(matrix.elements == [0, -4, 0, 0, 0, 9])
  }

  @Test("the repeating initializer fills every element, with zero by default")
  func repeatingInitializer() {
    #expect(Matrix(rows: 2, columns: 2).elements == [0, 0, 0, 0])
    let filled = Matrix(rows: 3, columns: 1, repeating: 2.5)
    #expect(filled.rows == 3 && filled.columns == 1)
    #expect(filled.elements == [2.5, 2.5, 2.5])
  }

  @Test("the elements initializer and the rows initializer agree")
  func initializersAgree() {
    let fromElements = Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6])
    let fromRows = Matrix([[1, 2], [3, 4], [5, 6]])
    #expect(fromElements == fromRows)
  }

  @Test("empty shapes have no elements but keep their dimensions")
  func emptyShapes() {
    let none = Matrix([])
    #expect(none.rows == 0 && none.columns == 0 && none.count == 0)
    let noColumns = Matrix(rows: 3, columns: 0)
    #expect(noColumns.rows == 3 && noColumns.columns == 0 && noColumns.count == 0)
    #expect(noColumns.row(2).isEmpty)
    let emptyRow = Matrix([[]])
    #expect(emptyRow.rows == 1 && emptyRow.columns == 0)
  }

  @Test("matrices with the same elements in different shapes are not equal")
  func equalityIncludesShape() {
    let wide = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    let tall = Matrix(rows: 3, columns: 2, elements: [1, 2, 3, 4, 5, 6])
    #expect(wide != tall)
    #expect(wide == Matrix([[1, 2, 3], [4, 5, 6]]))
    #expect(Set([wide, tall, Matrix([[1, 2, 3], [4, 5, 6]])]).count == 2)
  }

  @Test("fill sets every element")
  func fill() {
    var matrix = Matrix([[1, 2], [3, 4]])
    matrix.fill(-1.5)
    #expect(matrix.elements == [-1.5, -1.5, -1.5, -1.5])
  }

  @Test("mutating a copy leaves the original unchanged")
  func valueSemantics() {
    let original = Matrix([[1, 2], [3, 4]])
    var copy = original
    copy[0, 0] = 100
    #expect(original.elements == [1, 2, 3, 4])
    #expect(copy.elements == [100, 2, 3, 4])

    var scaled = original
    scaled.scale(by: 3)
    var resized = original
    resized.resize(rows: 1, columns: 2)
    var written = original
    written.withUnsafeMutableBufferPointer { $0[3] = 0 }
    #expect(original == Matrix([[1, 2], [3, 4]]))
    #expect(scaled.elements == [3, 6, 9, 12])
    #expect(resized.elements == [1, 2])
    #expect(written.elements == [1, 2, 3, 0])
  }

  @Test("the description has a header line and one line per row")
  func descriptionLines() {
    let lines = Matrix([[1, 2, 3], [4, 5, 6]]).description.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.contains("2×3") == true)
  }
}

/// `Matrix.resize(rows:columns:)`: the kept prefix survives, new elements are zero, memory is kept.
@Suite("Matrix resize")
struct MatrixResizeTests {
  @Test("fewer rows keep the leading rows")
  func shrinkingKeepsPrefix() {
    var matrix = Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])
    matrix.resize(rows: 2, columns: 3)
    expectMatrix(matrix, rows: 2, columns: 3, [1, 2, 3, 4, 5, 6])
  }

  @Test("more rows keep the old rows and add zero rows")
  func growingAddsZeros() {
    var matrix = Matrix([[1, 2], [3, 4]])
    matrix.resize(rows: 4, columns: 2)
    expectMatrix(matrix, rows: 4, columns: 2, [1, 2, 3, 4, 0, 0, 0, 0])
  }

  @Test("shrinking then growing back gives zeros where rows were dropped")
  func shrinkThenGrow() {
    var matrix = Matrix([[1, 2], [3, 4], [5, 6]])
    matrix.resize(rows: 1, columns: 2)
    matrix.resize(rows: 3, columns: 2)
    expectMatrix(matrix, rows: 3, columns: 2, [1, 2, 0, 0, 0, 0])
  }

  @Test("shrinking then growing back to the largest shape reuses the same memory")
  func keepsCapacity() {
    var matrix = Matrix(rows: 64, columns: 8, repeating: 1)
    let before = matrix.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    matrix.resize(rows: 3, columns: 8)
    matrix.resize(rows: 0, columns: 8)
    matrix.resize(rows: 64, columns: 8)
    let after = matrix.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    #expect(before == after)
  }

  @Test("changing the number of columns gives the new shape and count")
  func changeColumns() {
    var matrix = Matrix([[1, 2, 3], [4, 5, 6]])
    matrix.resize(rows: 3, columns: 4)
    #expect(matrix.rows == 3 && matrix.columns == 4 && matrix.count == 12)
    #expect(Array(matrix.elements.prefix(6)) == [1, 2, 3, 4, 5, 6])
    #expect(matrix.elements.dropFirst(6).allSatisfy { $0 == 0 })
  }

  @Test("assign takes the source's shape and values")
  func assign() {
    var target = Matrix(rows: 5, columns: 1, repeating: 7)
    target.assign(Matrix([[1, 2], [3, 4]]))
    expectMatrix(target, rows: 2, columns: 2, [1, 2, 3, 4])
    target.assign(Matrix(rows: 3, columns: 3, repeating: -1))
    expectMatrix(target, rows: 3, columns: 3, Array(repeating: -1, count: 9))
  }
}

/// `Matrix.transposed`, checked against transposes written out by hand.
@Suite("Matrix transpose")
struct MatrixTransposeTests {
  @Test("the transpose of a 2×3 matrix is 3×2 with rows and columns swapped")
  func transposeNonSquare() {
    // [[1, 2, 3], [4, 5, 6]]ᵀ = [[1, 4], [2, 5], [3, 6]].
    let transpose = Matrix([[1, 2, 3], [4, 5, 6]]).transposed
    expectMatrix(transpose, rows: 3, columns: 2, [1, 4, 2, 5, 3, 6])
  }

  @Test("transposing twice gives the original, and a row becomes a column")
  func transposeTwice() {
    let matrix = Matrix(rows: 4, columns: 7, elements: (0..<28).map { Double($0) * 0.5 - 3 })
    #expect(matrix.transposed.transposed == matrix)
    expectMatrix(Matrix([[1, 2, 3]]).transposed, rows: 3, columns: 1, [1, 2, 3])
  }

  @Test("an empty 0×3 matrix transposes to 3×0")
  func transposeEmpty() {
    let transpose = Matrix(rows: 0, columns: 3).transposed
    #expect(transpose.rows == 3 && transpose.columns == 0)
  }
}
