import NNCore
import Testing

/// `Matrix.multiply` (CBLAS `dgemm`) and `multiplied(by:)`, against products worked out by hand and a naive
/// triple loop written here.
@Suite("Matrix products")
struct MatrixProductTests {
  /// A = [[1, 2, 3], [4, 5, 6]], 2×3.
  static let a = Matrix([[1, 2, 3], [4, 5, 6]])
  /// B = [[7, 8], [9, 10], [11, 12]], 3×2.
  static let b = Matrix([[7, 8], [9, 10], [11, 12]])
  /// A·B by hand:
  /// [[1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12], [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]] = [[58, 64], [139, 154]].
  static let product: [Double] = [58, 64, 139, 154]

  @Test(
    "every transpose combination of A·B gives [[58, 64], [139, 154]]",
    arguments: [false, true], [false, true])
  func transposeCombinations(transposeA: Bool, transposeB: Bool) {
    // With transposeA the stored left factor is Aᵀ = [[1, 4], [2, 5], [3, 6]], so op(Aᵀ stored) = A;
    // likewise Bᵀ = [[7, 9, 11], [8, 10, 12]] for transposeB. The product is A·B either way.
    let left = transposeA ? Matrix([[1, 4], [2, 5], [3, 6]]) : Self.a
    let right = transposeB ? Matrix([[7, 9, 11], [8, 10, 12]]) : Self.b
    var result = Matrix(rows: 2, columns: 2, repeating: .nan)
    Matrix.multiply(left, transposeA: transposeA, right, transposeB: transposeB, into: &result)
    expectMatrix(result, rows: 2, columns: 2, Self.product)
  }

  @Test("Aᵀ·A is the 3×3 Gram matrix of A's columns")
  func transposeTimesSelf() {
    // Columns of A: (1, 4), (2, 5), (3, 6). Entry (i, j) is their dot product:
    // [[1+16, 2+20, 3+24], [2+20, 4+25, 6+30], [3+24, 6+30, 9+36]] = [[17, 22, 27], [22, 29, 36], [27, 36, 45]].
    var result = Matrix(rows: 3, columns: 3)
    Matrix.multiply(Self.a, transposeA: true, Self.a, into: &result)
    expectMatrix(result, rows: 3, columns: 3, [17, 22, 27, 22, 29, 36, 27, 36, 45])
  }

  @Test("A·Aᵀ is the 2×2 Gram matrix of A's rows")
  func selfTimesTranspose() {
    // Rows of A: (1, 2, 3), (4, 5, 6). [[1+4+9, 4+10+18], [4+10+18, 16+25+36]] = [[14, 32], [32, 77]].
    var result = Matrix(rows: 2, columns: 2)
    Matrix.multiply(Self.a, Self.a, transposeB: true, into: &result)
    expectMatrix(result, rows: 2, columns: 2, [14, 32, 32, 77])
  }

  @Test("alpha scales the product and beta scales the old result")
  func alphaAndBeta() {
    // 2·A·B − 1·[[1, 2], [3, 4]] = [[116 − 1, 128 − 2], [278 − 3, 308 − 4]] = [[115, 126], [275, 304]].
    var result = Matrix([[1, 2], [3, 4]])
    Matrix.multiply(Self.a, Self.b, alpha: 2, beta: -1, into: &result)
    expectMatrix(result, rows: 2, columns: 2, [115, 126, 275, 304])
  }

  @Test("beta = 1 accumulates the product into the result")
  func accumulate() {
    // [[1, 1], [1, 1]] + A·B = [[59, 65], [140, 155]].
    var result = Matrix(rows: 2, columns: 2, repeating: 1)
    Matrix.multiply(Self.a, Self.b, beta: 1, into: &result)
    expectMatrix(result, rows: 2, columns: 2, [59, 65, 140, 155])
  }

  @Test("beta = 0 ignores old contents, even NaN")
  func betaZeroIgnoresNaN() {
    var result = Matrix(rows: 2, columns: 2, repeating: .nan)
    Matrix.multiply(Self.a, Self.b, alpha: 0.5, into: &result)
    expectMatrix(result, rows: 2, columns: 2, [29, 32, 69.5, 77])
  }

  @Test("an empty inner dimension gives beta times the old result")
  func emptyInnerDimension() {
    // A 2×0 by 0×2 product is the zero matrix, so c = 0.5·c.
    var result = Matrix([[1, 2], [3, 4]])
    Matrix.multiply(Matrix(rows: 2, columns: 0), Matrix(rows: 0, columns: 2), beta: 0.5, into: &result)
    expectMatrix(result, rows: 2, columns: 2, [0.5, 1, 1.5, 2])
  }

  @Test("an empty inner dimension with beta = 0 gives zeros, even over NaN")
  func emptyInnerDimensionBetaZero() {
    var result = Matrix(rows: 2, columns: 3, repeating: .nan)
    Matrix.multiply(Matrix(rows: 0, columns: 2), transposeA: true, Matrix(rows: 0, columns: 3), into: &result)
    expectMatrix(result, rows: 2, columns: 3, [0, 0, 0, 0, 0, 0])
  }

  @Test("a product with no rows or no columns leaves an empty result")
  func emptyOuterDimension() {
    var noRows = Matrix(rows: 0, columns: 2)
    Matrix.multiply(Matrix(rows: 0, columns: 3), Self.b, into: &noRows)
    #expect(noRows.rows == 0 && noRows.columns == 2)
    var noColumns = Matrix(rows: 2, columns: 0)
    Matrix.multiply(Self.a, Matrix(rows: 3, columns: 0), into: &noColumns)
    #expect(noColumns.rows == 2 && noColumns.columns == 0)
  }

  @Test("multiplied(by:) returns A·B, and a row times a column is their dot product")
  func multipliedBy() {
    expectMatrix(Self.a.multiplied(by: Self.b), rows: 2, columns: 2, Self.product)
    // [1, 2, 3]·[4, 5, 6]ᵀ = 4 + 10 + 18 = 32.
    expectMatrix(Matrix([[1, 2, 3]]).multiplied(by: Matrix([[4], [5], [6]])), rows: 1, columns: 1, [32])
    // A column times a row is their outer product.
    expectMatrix(Matrix([[1], [2]]).multiplied(by: Matrix([[3, 4, 5]])), rows: 2, columns: 3, [3, 4, 5, 6, 8, 10])
  }

  @Test(
    "random products match a naive triple loop for every transpose combination",
    arguments: [false, true], [false, true])
  func randomAgainstNaive(transposeA: Bool, transposeB: Bool) {
    let random = RandomSource(seed: 2024)
    let left = Self.randomMatrix(rows: 7, columns: 5, random: random)
    let right = Self.randomMatrix(rows: 5, columns: 9, random: random)
    var result = Self.randomMatrix(rows: 7, columns: 9, random: random)
    let old = result
    let expected = Self.naiveProduct(left, right, alpha: -1.5, beta: 0.25, old: old)
    Matrix.multiply(
      transposeA ? Self.naiveTranspose(left) : left, transposeA: transposeA,
      transposeB ? Self.naiveTranspose(right) : right, transposeB: transposeB,
      alpha: -1.5, beta: 0.25, into: &result)
    expectMatrix(result, rows: 7, columns: 9, expected.elements, tolerance: 1e-12)
  }

  @Test("a 7×5 · 5×9 product matches a naive triple loop")
  func randomSevenByFiveByNine() {
    let random = RandomSource(seed: 7)
    let left = Self.randomMatrix(rows: 7, columns: 5, random: random)
    let right = Self.randomMatrix(rows: 5, columns: 9, random: random)
    let expected = Self.naiveProduct(left, right, alpha: 1, beta: 0, old: Matrix(rows: 7, columns: 9))
    expectMatrix(left.multiplied(by: right), rows: 7, columns: 9, expected.elements, tolerance: 1e-12)
  }

  @Test("a larger 67×70 · 70×33 product, past the kernels' blocking, matches a naive triple loop")
  func randomLarger() {
    let random = RandomSource(seed: 99)
    let left = Self.randomMatrix(rows: 67, columns: 70, random: random)
    let right = Self.randomMatrix(rows: 70, columns: 33, random: random)
    let expected = Self.naiveProduct(left, right, alpha: 1, beta: 0, old: Matrix(rows: 67, columns: 33))
    expectMatrix(left.multiplied(by: right), rows: 67, columns: 33, expected.elements, tolerance: 1e-12)
  }

  /// A matrix of uniform draws from `[−1, 1)`.
  static func randomMatrix(rows: Int, columns: Int, random: RandomSource) -> Matrix {
    Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in random.uniform(from: -1, to: 1) })
  }

  /// `alpha · left · right + beta · old` by the definition `Σₖ left[i][k] · right[k][j]`, reading `elements`.
  static func naiveProduct(_ left: Matrix, _ right: Matrix, alpha: Double, beta: Double, old: Matrix) -> Matrix {
    let inner = left.columns
    var elements = [Double](repeating: 0, count: left.rows * right.columns)
    for row in 0..<left.rows {
      for column in 0..<right.columns {
        var sum = 0.0
        for k in 0..<inner {
          sum += left.elements[row * inner + k] * right.elements[k * right.columns + column]
        }
        elements[row * right.columns + column] = alpha * sum + beta * old.elements[row * right.columns + column]
      }
    }
    return Matrix(rows: left.rows, columns: right.columns, elements: elements)
  }

  /// The transpose by index arithmetic on `elements`, independent of `Matrix.transposed`.
  static func naiveTranspose(_ matrix: Matrix) -> Matrix {
    var elements = [Double](repeating: 0, count: matrix.count)
    for row in 0..<matrix.rows {
      for column in 0..<matrix.columns {
        elements[column * matrix.rows + row] = matrix.elements[row * matrix.columns + column]
      }
    }
    return Matrix(rows: matrix.columns, columns: matrix.rows, elements: elements)
  }
}
