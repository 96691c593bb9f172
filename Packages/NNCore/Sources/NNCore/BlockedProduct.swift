import CGSL
import Glibc

/// The arguments of one product cut into blocks: a BLAS call's, with the direction of the cut. (Sendable by
/// construction: it lives on the caller's stack while the team runs its blocks.)
struct BlockedProduct {
  let library: BLASLibrary
  let elementType: ElementType
  let transposeA: Bool
  let transposeB: Bool
  let m: Int
  let n: Int
  let inner: Int
  let alpha: Double
  /// The scale of `c`'s old contents; 1 once ``zeroResult()`` has zeroed them in place of a 0.
  private(set) var beta: Double
  let a: UnsafeRawPointer
  let lda: Int
  let b: UnsafeRawPointer
  let ldb: Int
  let c: UnsafeMutableRawPointer
  let ldc: Int
  /// Whether the blocks are rows of `c` (else columns).
  let byRows: Bool

  /// The product `c = alpha · op(a) · op(b) + beta · c` (`ldc` = `n`), cut along the side ``ProductTeam/cutsRows(m:n:)``
  /// chooses, which must not be `nil`.
  init(
    library: BLASLibrary, elementType: ElementType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, inner: Int,
    alpha: Double, beta: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
    c: UnsafeMutableRawPointer, byRows: Bool
  ) {
    self.library = library
    self.elementType = elementType
    (self.transposeA, self.transposeB) = (transposeA, transposeB)
    (self.m, self.n, self.inner) = (m, n, inner)
    (self.alpha, self.beta) = (alpha, beta)
    (self.a, self.lda, self.b, self.ldb, self.c, self.ldc) = (a, lda, b, ldb, c, max(n, 1))
    self.byRows = byRows
  }

  /// The same product on other matrices of the same shapes.
  ///
  /// - Parameters:
  ///   - a: The left factor, `lda` elements a row.
  ///   - b: The right factor, `ldb` elements a row.
  ///   - c: The result, `m × n`.
  func on(a: UnsafeRawPointer, b: UnsafeRawPointer, c: UnsafeMutableRawPointer) -> BlockedProduct {
    BlockedProduct(
      library: library, elementType: elementType, transposeA: transposeA, transposeB: transposeB, m: m, n: n,
      inner: inner, alpha: alpha, beta: beta, a: a, lda: lda, b: b, ldb: ldb, c: c, byRows: byRows)
  }

  /// The rows (or columns) of `c` in every block but the last (``ProductTeam/blockSize(_:)``).
  var blockSize: Int { ProductTeam.blockSize(byRows ? m : n) }

  /// The number of blocks.
  var count: Int { ProductTeam.blockCount(byRows ? m : n) }

  /// The elements of `op(a)`'s storage: `lda` a row.
  var aElements: Int { (transposeA ? inner : m) * lda }

  /// The elements of `op(b)`'s storage: `ldb` a row.
  var bElements: Int { (transposeB ? n : inner) * ldb }

  /// When `beta` is 0, sets all of `c` to zero in one pass and makes `beta` 1, so that the blocks add their products
  /// to it.
  ///
  /// A BLAS call with `beta` 0 zeroes its part of `c` and then adds the product to it, as each block now does to the
  /// zeroed `c`: the results are the same bits. One pass over the whole of `c` is cheaper than a pass over each
  /// block's columns, which are not contiguous (OpenBLAS zeroes a contiguous `c` with `memset`, a block of columns
  /// element by element: 2.6% of wide's samples in `float64` on the caller alone, against 1.8% for one thread's
  /// whole products). The team's blocks always run so, on the helpers or on the caller alone: the same calls.
  mutating func zeroResult() {
    guard beta == 0 else { return }
    c.initializeMemory(as: UInt8.self, repeating: 0, count: m * n * elementType.bytesPerElement)
    beta = 1
  }

  /// Computes block `index`: rows (or columns) `[s·index, s·index + s)` of `c` (`s` = ``blockSize``, the last block
  /// ending at the side's end), one BLAS call.
  ///
  /// Rows `r` of `c` come from rows `r` of `op(a)`: `a + r·lda`, or column `r` of a transposed `a`, `a + r`.
  /// Columns `j` of `c` come from columns `j` of `op(b)`: `b + j`, or row `j` of a transposed `b`, `b + j·ldb`.
  ///
  /// - Parameter index: The block, in `0..<count`.
  func compute(_ index: Int) {
    let size = blockSize
    let start = index * size
    let rows = byRows ? min(size, m - start) : m
    let columns = byRows ? n : min(size, n - start)
    let aOffset = byRows ? (transposeA ? start : start * lda) : 0
    let bOffset = byRows ? 0 : (transposeB ? start * ldb : start)
    let cOffset = byRows ? start * ldc : start
    call(rows: rows, columns: columns, aOffset: aOffset, bOffset: bOffset, cOffset: cOffset)
  }

  /// Computes the whole product in one BLAS call.
  func computeWhole() {
    call(rows: m, columns: n, aOffset: 0, bOffset: 0, cOffset: 0)
  }

  /// One BLAS call for `rows × columns` of `c` from the given element offsets.
  private func call(rows: Int, columns: Int, aOffset: Int, bOffset: Int, cOffset: Int) {
    let (first, second) = (transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans)
    switch elementType {
    case .float64:
      library.multiply(
        CblasRowMajor, first, second, Int32(rows), Int32(columns), Int32(inner), alpha,
        a.assumingMemoryBound(to: Double.self) + aOffset, Int32(lda), b.assumingMemoryBound(to: Double.self) + bOffset,
        Int32(ldb), beta, c.assumingMemoryBound(to: Double.self) + cOffset, Int32(ldc))
    case .float32:
      library.multiplySingle(
        CblasRowMajor, first, second, Int32(rows), Int32(columns), Int32(inner), Float(alpha),
        a.assumingMemoryBound(to: Float.self) + aOffset, Int32(lda), b.assumingMemoryBound(to: Float.self) + bOffset,
        Int32(ldb), Float(beta), c.assumingMemoryBound(to: Float.self) + cOffset, Int32(ldc))
    }
  }
}
