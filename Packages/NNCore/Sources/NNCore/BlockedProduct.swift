import CGSL
import Glibc

/// The arguments of one product cut into blocks: a BLAS call's, with the direction of the cut. (Sendable by
/// construction: it lives on the caller's stack while the team runs its blocks.) Reads its ``Shape``'s values as its
/// own (`product.m`).
@dynamicMemberLookup
struct BlockedProduct {
  /// What decides the operations of the product's BLAS calls, besides the library: the element type, transposes,
  /// sizes, leading dimensions, scales and cut.
  struct Shape: Hashable {
    let elementType: ElementType
    let transposeA: Bool
    let transposeB: Bool
    let m: Int
    let n: Int
    let inner: Int
    let lda: Int
    let ldb: Int
    let alpha: Double
    /// The scale of `c`'s old contents; 1 once ``BlockedProduct/zeroResult()`` has zeroed them in place of a 0.
    fileprivate(set) var beta: Double
    /// Whether the blocks are rows of `c` (else columns).
    let byRows: Bool

    /// This shape with each scale replaced by the kind of operation it selects in a BLAS call: 0, 1, or any other
    /// value (kept as −1). The kinds, not the values, decide the order of a call's operations, so one verdict of
    /// ``WholeCallVerdicts`` serves every value: a step folded into a product brings a new learning rate as `alpha`
    /// whenever a schedule changes it.
    var scaleKinds: Shape {
      func kind(_ scale: Double) -> Double { scale == 0 || scale == 1 ? scale : -1 }
      return Shape(
        elementType: elementType, transposeA: transposeA, transposeB: transposeB, m: m, n: n, inner: inner, lda: lda,
        ldb: ldb, alpha: kind(alpha), beta: kind(beta), byRows: byRows)
    }
  }

  let library: BLASLibrary
  private(set) var shape: Shape
  let a: UnsafeRawPointer
  let b: UnsafeRawPointer
  let c: UnsafeMutableRawPointer

  /// The product `c = alpha · op(a) · op(b) + beta · c` (`ldc` = `n`), cut along the side ``ProductTeam/cutsRows(m:n:)``
  /// chooses, which must not be `nil`.
  init(
    library: BLASLibrary, elementType: ElementType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, inner: Int,
    alpha: Double, beta: Double, a: UnsafeRawPointer, lda: Int, b: UnsafeRawPointer, ldb: Int,
    c: UnsafeMutableRawPointer, byRows: Bool
  ) {
    let shape = Shape(
      elementType: elementType, transposeA: transposeA, transposeB: transposeB, m: m, n: n, inner: inner, lda: lda,
      ldb: ldb, alpha: alpha, beta: beta, byRows: byRows)
    self.init(library: library, shape: shape, a: a, b: b, c: c)
  }

  private init(library: BLASLibrary, shape: Shape, a: UnsafeRawPointer, b: UnsafeRawPointer, c: UnsafeMutableRawPointer)
  {
    (self.library, self.shape) = (library, shape)
    (self.a, self.b, self.c) = (a, b, c)
  }

  /// A value of the product's ``Shape``.
  subscript<Value>(dynamicMember keyPath: KeyPath<Shape, Value>) -> Value { shape[keyPath: keyPath] }

  /// The elements from one row of `c` to the next: `n`.
  var ldc: Int { max(shape.n, 1) }

  /// The same product on other matrices of the same shapes.
  ///
  /// - Parameters:
  ///   - a: The left factor, `lda` elements a row.
  ///   - b: The right factor, `ldb` elements a row.
  ///   - c: The result, `m × n`.
  func on(a: UnsafeRawPointer, b: UnsafeRawPointer, c: UnsafeMutableRawPointer) -> BlockedProduct {
    BlockedProduct(library: library, shape: shape, a: a, b: b, c: c)
  }

  /// The rows (or columns) of `c` in every block but the last (``ProductTeam/blockSize(_:)``).
  var blockSize: Int { ProductTeam.blockSize(shape.byRows ? shape.m : shape.n) }

  /// The number of blocks.
  var count: Int { ProductTeam.blockCount(shape.byRows ? shape.m : shape.n) }

  /// The elements of `op(a)`'s storage: `lda` a row.
  var aElements: Int { (shape.transposeA ? shape.inner : shape.m) * shape.lda }

  /// The elements of `op(b)`'s storage: `ldb` a row.
  var bElements: Int { (shape.transposeB ? shape.n : shape.inner) * shape.ldb }

  /// When `beta` is 0, sets all of `c` to zero in one pass and makes `beta` 1, so that the blocks add their products
  /// to it.
  ///
  /// A BLAS call with `beta` 0 zeroes its part of `c` and then adds the product to it, as each block now does to the
  /// zeroed `c`: the results are the same bits. One pass over the whole of `c` is cheaper than a pass over each
  /// block's columns, which are not contiguous (OpenBLAS zeroes a contiguous `c` with `memset`, a block of columns
  /// element by element: 2.6% of wide's samples in `float64` on the caller alone, against 1.8% for one thread's
  /// whole products). The team's blocks always run so, on the helpers or on the caller alone: the same calls.
  mutating func zeroResult() {
    guard shape.beta == 0 else { return }
    c.initializeMemory(as: UInt8.self, repeating: 0, count: shape.m * shape.n * shape.elementType.bytesPerElement)
    shape.beta = 1
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
    let rows = shape.byRows ? min(size, shape.m - start) : shape.m
    let columns = shape.byRows ? shape.n : min(size, shape.n - start)
    let aOffset = shape.byRows ? (shape.transposeA ? start : start * shape.lda) : 0
    let bOffset = shape.byRows ? 0 : (shape.transposeB ? start * shape.ldb : start)
    let cOffset = shape.byRows ? start * ldc : start
    call(rows: rows, columns: columns, aOffset: aOffset, bOffset: bOffset, cOffset: cOffset)
  }

  /// Computes the whole product in one BLAS call.
  func computeWhole() {
    call(rows: shape.m, columns: shape.n, aOffset: 0, bOffset: 0, cOffset: 0)
  }

  /// One BLAS call for `rows × columns` of `c` from the given element offsets.
  private func call(rows: Int, columns: Int, aOffset: Int, bOffset: Int, cOffset: Int) {
    let (first, second) = (shape.transposeA ? CblasTrans : CblasNoTrans, shape.transposeB ? CblasTrans : CblasNoTrans)
    switch shape.elementType {
    case .float64:
      library.multiply(
        CblasRowMajor, first, second, Int32(rows), Int32(columns), Int32(shape.inner), shape.alpha,
        a.assumingMemoryBound(to: Double.self) + aOffset, Int32(shape.lda),
        b.assumingMemoryBound(to: Double.self) + bOffset,
        Int32(shape.ldb), shape.beta, c.assumingMemoryBound(to: Double.self) + cOffset, Int32(ldc))
    case .float32:
      library.multiplySingle(
        CblasRowMajor, first, second, Int32(rows), Int32(columns), Int32(shape.inner), Float(shape.alpha),
        a.assumingMemoryBound(to: Float.self) + aOffset, Int32(shape.lda),
        b.assumingMemoryBound(to: Float.self) + bOffset,
        Int32(shape.ldb), Float(shape.beta), c.assumingMemoryBound(to: Float.self) + cOffset, Int32(ldc))
    }
  }
}
