import CGSL
import Synchronization

extension Matrix {
  /// Computes `c = alpha · op(a) · op(b) + beta · c` through CBLAS `dgemm` (`float64`) or `sgemm` (`float32`),
  /// in place; the three matrices must have one element type.
  ///
  /// The first product opens OpenBLAS (``BLAS``).
  ///
  /// ```
  /// op(x) = x  or  xᵀ
  /// c[i][j] = alpha · Σₖ op(a)[i][k] · op(b)[k][j] + beta · c[i][j]
  /// ```
  ///
  /// - Parameters:
  ///   - a: The left factor.
  ///   - transposeA: Whether to use `aᵀ`.
  ///   - b: The right factor.
  ///   - transposeB: Whether to use `bᵀ`.
  ///   - alpha: The scale of the product.
  ///   - beta: The scale of the old contents of `c`; with `0` they are ignored (even NaN).
  ///   - c: The result, which must already have the shape `rows(op(a)) × columns(op(b))`.
  @inlinable public static func multiply(
    _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
    alpha: Double = 1, beta: Double = 0, into c: inout Matrix
  ) {
    let m = transposeA ? a.columns : a.rows
    let inner = transposeA ? a.rows : a.columns
    let innerB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(
      inner == innerB,
      "multiply: inner dimensions differ: \(m)×\(inner) times \(innerB)×\(n)")
    precondition(
      c.rows == m && c.columns == n,
      "multiply: result is \(c.rows)×\(c.columns), expected \(m)×\(n)")
    a.requireSameElementType(as: b, "multiply")
    a.requireSameElementType(as: c, "multiply")
    if m == 0 || n == 0 { return }
    if inner == 0 {
      if beta == 0 { c.fill(0) } else { c.scale(by: beta) }
      return
    }
    // The work in Double: three sizes multiplied in Int could overflow.
    if Double(m) * Double(n) * Double(inner) >= Double(ProductTeam.minimumWork),
      ProductTeam.threads > 1,
      multiplyShared(
        a, transposeA: transposeA, b, transposeB: transposeB, alpha: alpha, beta: beta, into: &c, m: m, n: n,
        inner: inner)
    {
      return
    }
    let library = BLASLibrary.shared
    let (transposeA, transposeB) = (transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans)
    let (lda, ldb, ldc) = (Int32(max(a.columns, 1)), Int32(max(b.columns, 1)), Int32(max(n, 1)))
    switch c.elementType {
    case .float64:
      a.storage.withUnsafeBufferPointer { aBuffer in
        b.storage.withUnsafeBufferPointer { bBuffer in
          c.storage.withUnsafeMutableBufferPointer { cBuffer in
            library.multiply(
              CblasRowMajor, transposeA, transposeB, Int32(m), Int32(n), Int32(inner), alpha, aBuffer.baseAddress,
              lda, bBuffer.baseAddress, ldb, beta, cBuffer.baseAddress, ldc)
          }
        }
      }
    case .float32:
      a.singleStorage.withUnsafeBufferPointer { aBuffer in
        b.singleStorage.withUnsafeBufferPointer { bBuffer in
          c.singleStorage.withUnsafeMutableBufferPointer { cBuffer in
            library.multiplySingle(
              CblasRowMajor, transposeA, transposeB, Int32(m), Int32(n), Int32(inner), Float(alpha),
              aBuffer.baseAddress, lda, bBuffer.baseAddress, ldb, Float(beta), cBuffer.baseAddress, ldc)
          }
        }
      }
    }
  }

  /// The product `self · other` as a new matrix.
  ///
  /// - Parameter other: The right factor; its row count must equal this matrix's column count.
  public func multiplied(by other: Matrix) -> Matrix {
    var result = Matrix(rows: rows, columns: other.columns, elementType: elementType)
    Matrix.multiply(self, other, into: &result)
    return result
  }

  /// The transpose, as a new matrix.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows, elementType: elementType)
    switch elementType {
    case .float64: Self.transpose(storage, rows: rows, columns: columns, into: &result.storage)
    case .float32: Self.transpose(singleStorage, rows: rows, columns: columns, into: &result.singleStorage)
    }
    return result
  }

  static func transpose<Element: MatrixElement>(
    _ source: [Element], rows: Int, columns: Int, into target: inout [Element]
  ) {
    for row in 0..<rows {
      for column in 0..<columns {
        target[column * rows + row] = source[row * columns + column]
      }
    }
  }
}
