import CGSL

extension Matrix {
  /// Computes `c = alpha · op(a) · op(b) + beta · c` through CBLAS `dgemm`, in place.
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
    if m == 0 || n == 0 { return }
    if inner == 0 {
      if beta == 0 { c.fill(0) } else { c.scale(by: beta) }
      return
    }
    a.withUnsafeBufferPointer { aBuffer in
      b.withUnsafeBufferPointer { bBuffer in
        c.withUnsafeMutableBufferPointer { cBuffer in
          BLASLibrary.shared.multiply(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(inner), alpha, aBuffer.baseAddress, Int32(max(a.columns, 1)),
            bBuffer.baseAddress, Int32(max(b.columns, 1)), beta, cBuffer.baseAddress, Int32(max(n, 1)))
        }
      }
    }
  }

  /// The product `self · other` as a new matrix.
  ///
  /// - Parameter other: The right factor; its row count must equal this matrix's column count.
  public func multiplied(by other: Matrix) -> Matrix {
    var result = Matrix(rows: rows, columns: other.columns)
    Matrix.multiply(self, other, into: &result)
    return result
  }

  /// The transpose, as a new matrix.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for row in 0..<rows {
      for column in 0..<columns {
        result.storage[column * rows + row] = storage[row * columns + column]
      }
    }
    return result
  }
}
