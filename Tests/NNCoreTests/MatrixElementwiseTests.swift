import NNCore
import Testing

/// Elementwise updates, row broadcasts and column sums of `Matrix`, against results worked out by hand.
@Suite("Matrix elementwise operations")
struct MatrixElementwiseTests {
  @Test("scale multiplies every element")
  func scale() {
    // −2 · [[1, −2], [0.5, 4]] = [[−2, 4], [−1, −8]].
    var matrix = Matrix([[1, -2], [0.5, 4]])
    matrix.scale(by: -2)
    expectMatrix(matrix, rows: 2, columns: 2, [-2, 4, -1, -8])
  }

  @Test("add with a factor computes x + factor · y")
  func addScaled() {
    // [[1, 2, 3], [4, 5, 6]] + 0.5 · [[2, 4, 6], [−8, 0, 1]] = [[2, 4, 6], [0, 5, 6.5]].
    var matrix = Matrix([[1, 2, 3], [4, 5, 6]])
    matrix.add(Matrix([[2, 4, 6], [-8, 0, 1]]), scaledBy: 0.5)
    expectMatrix(matrix, rows: 2, columns: 3, [2, 4, 6, 0, 5, 6.5])
  }

  @Test("add without a factor adds the matrices")
  func addPlain() {
    var matrix = Matrix([[1, 2], [3, 4]])
    matrix.add(Matrix([[10, 20], [30, 40]]))
    expectMatrix(matrix, rows: 2, columns: 2, [11, 22, 33, 44])
  }

  @Test("a negative factor subtracts")
  func addNegative() {
    var matrix = Matrix([[1, 2], [3, 4]])
    matrix.add(matrix, scaledBy: -1)
    expectMatrix(matrix, rows: 2, columns: 2, [0, 0, 0, 0])
  }

  @Test("addToEachRow adds the vector to every row of a 3×2 matrix")
  func addToEachRow() {
    // [[1, 2], [3, 4], [5, 6]] + [10, −20] on each row = [[11, −18], [13, −16], [15, −14]].
    var matrix = Matrix([[1, 2], [3, 4], [5, 6]])
    matrix.addToEachRow(Matrix([[10, -20]]))
    expectMatrix(matrix, rows: 3, columns: 2, [11, -18, 13, -16, 15, -14])
  }

  @Test("sumColumns replaces the result with the column sums")
  func sumColumnsReplacing() {
    // Column sums of [[1, 2, 3], [4, 5, 6]] = [5, 7, 9]; the old [100, 100, 100] is discarded.
    var result = Matrix(rows: 1, columns: 3, repeating: 100)
    Matrix([[1, 2, 3], [4, 5, 6]]).sumColumns(into: &result)
    expectMatrix(result, rows: 1, columns: 3, [5, 7, 9])
  }

  @Test("sumColumns with accumulate adds the column sums to the result")
  func sumColumnsAccumulating() {
    // [1, 1, 1] + [5, 7, 9] = [6, 8, 10].
    var result = Matrix(rows: 1, columns: 3, repeating: 1)
    Matrix([[1, 2, 3], [4, 5, 6]]).sumColumns(into: &result, accumulate: true)
    expectMatrix(result, rows: 1, columns: 3, [6, 8, 10])
  }

  @Test("the column sums of a matrix without rows are zero, or the old result when accumulating")
  func sumColumnsOfNoRows() {
    var replaced = Matrix(rows: 1, columns: 2, repeating: 7)
    Matrix(rows: 0, columns: 2).sumColumns(into: &replaced)
    expectMatrix(replaced, rows: 1, columns: 2, [0, 0])
    var accumulated = Matrix(rows: 1, columns: 2, repeating: 7)
    Matrix(rows: 0, columns: 2).sumColumns(into: &accumulated, accumulate: true)
    expectMatrix(accumulated, rows: 1, columns: 2, [7, 7])
  }

  @Test(
    "row additions and column sums on matrices large enough to be cut into ranges, in both element types",
    arguments: [ElementType.float64, .float32])
  func largeRowAdditionAndColumnSums(elementType: ElementType) {
    // x[i][j] = i − 2j on 300 rows of 301 columns (sums of whole numbers, exact in both types):
    // Σᵢ x[i][j] = 299·300/2 − 600j = 44,850 − 600j. Then + v[j] = j / 2 on every row.
    let (rows, columns) = (300, 301)
    let values = (0..<rows).flatMap { row in (0..<columns).map { column in Double(row - 2 * column) } }
    var matrix = Matrix(rows: rows, columns: columns, repeating: 0, elementType: elementType)
    matrix.loadElements(from: values)
    var sums = Matrix(rows: 1, columns: columns, repeating: 5, elementType: elementType)
    matrix.sumColumns(into: &sums)
    #expect((0..<columns).allSatisfy { sums[0, $0] == 44_850 - 600 * Double($0) })
    matrix.sumColumns(into: &sums, accumulate: true)
    #expect((0..<columns).allSatisfy { sums[0, $0] == 2 * (44_850 - 600 * Double($0)) })
    var vector = Matrix(rows: 1, columns: columns, repeating: 0, elementType: elementType)
    for column in 0..<columns { vector[0, column] = Double(column) / 2 }
    matrix.addToEachRow(vector)
    let added = (0..<rows).allSatisfy { row in
      (0..<columns).allSatisfy { matrix[row, $0] == Double(row - 2 * $0) + Double($0) / 2 }
    }
    #expect(added)
  }

  @Test("gatherRows copies the listed rows in order, repeats included, and takes their count")
  func gatherRows() {
    let source = Matrix([[0, 1], [10, 11], [20, 21], [30, 31]])
    var target = Matrix(rows: 10, columns: 2, repeating: -1)
    let indices = [2, 0, 2]
    indices.withUnsafeBufferPointer { target.gatherRows(of: source, at: $0) }
    expectMatrix(target, rows: 3, columns: 2, [20, 21, 0, 1, 20, 21])
  }

  @Test("gatherRows grows a smaller target and empties it for no indices")
  func gatherRowsResizes() {
    let source = Matrix([[1, 2, 3], [4, 5, 6]])
    var target = Matrix(rows: 1, columns: 1)
    let indices = [1, 1, 0, 1]
    indices.withUnsafeBufferPointer { target.gatherRows(of: source, at: $0) }
    expectMatrix(target, rows: 4, columns: 3, [4, 5, 6, 4, 5, 6, 1, 2, 3, 4, 5, 6])
    let none: [Int] = []
    none.withUnsafeBufferPointer { target.gatherRows(of: source, at: $0) }
    #expect(target.rows == 0 && target.columns == 3)
  }

  @Test("gatherRows leaves the source unchanged when the target was copied from it")
  func gatherRowsFromSharedStorage() {
    let source = Matrix([[1, 2], [3, 4]])
    var target = source
    let indices = [1, 0]
    indices.withUnsafeBufferPointer { target.gatherRows(of: source, at: $0) }
    expectMatrix(target, rows: 2, columns: 2, [3, 4, 1, 2])
    expectMatrix(source, rows: 2, columns: 2, [1, 2, 3, 4])
  }

  @Test("argmaxOfRows gives the column of each row's largest element, the first on ties")
  func argmaxOfRows() {
    let matrix = Matrix([
      [1, 3, 3],
      [5, 5, 1],
      [-1, -2, -0.5],
      [2, 2, 2],
      [0, 0, 9],
    ])
    #expect(matrix.argmaxOfRows() == [1, 0, 2, 0, 2])
  }

  @Test("argmaxOfRows of a single column is zero, and of no rows is empty")
  func argmaxEdgeCases() {
    #expect(Matrix([[4], [-4]]).argmaxOfRows() == [0, 0])
    #expect(Matrix(rows: 0, columns: 3).argmaxOfRows().isEmpty)
  }

  @Test("sum and maximumMagnitude over all elements")
  func sumAndMaximumMagnitude() {
    let matrix = Matrix([[1, -7, 2], [0.5, 3, -0.5]])
    #expect(matrix.sum() == -1)
    #expect(matrix.maximumMagnitude() == 7)
    #expect(Matrix(rows: 0, columns: 4).sum() == 0)
    #expect(Matrix(rows: 0, columns: 4).maximumMagnitude() == 0)
  }
}
