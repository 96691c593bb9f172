import Glibc

/// Whether one BLAS call gives a product the same bits as the product team's blocks of it, shape by shape: checked
/// once for each shape, on values whose sums round differently when added in another order.
///
/// When the team runs a product on the caller alone (the other cores busy), its blocks cost more than one call:
/// each packs its other factor again, a few percent of a product. One call is as good only when it gives the same
/// bits, and that depends on the BLAS library's kernels: OpenBLAS 0.3.21's AVX-512 (Cooper Lake) kernels gave the
/// same bits for all five cut products of wide's training step (784-512-512-10, batch 256) in both element types, its
/// Haswell kernels other bits in `float32` for one of them (the `512 × 512` weight gradient). So each shape is
/// tried once, the first time a team runs it on the caller alone (a one-time cost of two products, and of the
/// check's matrices for its time, that a run on a machine that stays free never pays), and a shape whose bits differ
/// always runs in blocks: a product's result never depends on how busy the machine is.
///
/// The check computes the shape both ways on values `±(1 + f)·2ᵉ` (`f` a 20-bit fraction, `e` in `-8…7`) and
/// compares the bits. A BLAS computes each element of `c` by a sequence of operations fixed by the shape, the
/// leading dimensions and the kinds of `alpha` and `beta` (0, 1 or another value), whatever the values; when the two
/// ways order the additions of some elements differently, sums of terms so unlike round differently. So a verdict
/// holds for every value of a kind (a step folded into a product brings a new `alpha` with each learning rate).
/// Shapes whose check would take long or much memory are not tried and run in blocks.
final class WholeCallVerdicts: @unchecked Sendable {
  /// What a verdict holds for: the library and the product's shape, with the kinds of its scales
  /// (``BlockedProduct/Shape/scaleKinds``).
  struct Key: Hashable {
    let library: String
    let shape: BlockedProduct.Shape
  }

  /// The most multiply-adds (`m·n·k`) of a shape that is checked: the check computes it twice.
  static let largestCheckedWork = 1 << 28
  /// The most elements of any one of a checked shape's three matrices: the check holds a copy of each, and of the
  /// result twice (at most 32 MB in `float64`; wide's largest matrix has 401,408 elements).
  static let largestCheckedMatrix = 1 << 20

  private let lock = PosixMutex()
  private var verdicts: [Key: Bool] = [:]

  /// Whether one call computes `product`'s shape to the same bits as its blocks: checked the first time the shape is
  /// asked for (allocating its matrices for the time of the check), remembered after.
  ///
  /// - Parameter product: The product; only its shape, scales and library are used.
  func wholeCallMatchesBlocks(_ product: BlockedProduct) -> Bool {
    let key = Key(library: product.library.name, shape: product.shape.scaleKinds)
    if let known = lock.withLock({ verdicts[key] }) { return known }
    // Checked outside the lock: two callers checking one shape at once find the same verdict.
    let verdict = Self.check(product)
    lock.withLock { verdicts[key] = verdict }
    return verdict
  }

  /// Computes `product`'s shape in blocks and in one call on values that show the order of the additions, and
  /// whether the two results are the same bits; `false` for a shape above ``largestCheckedWork`` or
  /// ``largestCheckedMatrix``.
  ///
  /// - Parameter product: The product; only its shape, scales and library are used.
  static func check(_ product: BlockedProduct) -> Bool {
    let cElements = product.m * product.n
    guard Double(product.m) * Double(product.n) * Double(product.inner) <= Double(largestCheckedWork),
      max(product.aElements, product.bElements, cElements) <= largestCheckedMatrix
    else { return false }
    let size = product.elementType.bytesPerElement
    let alignment = 64
    let a = UnsafeMutableRawPointer.allocate(byteCount: product.aElements * size, alignment: alignment)
    let b = UnsafeMutableRawPointer.allocate(byteCount: product.bElements * size, alignment: alignment)
    let blocked = UnsafeMutableRawPointer.allocate(byteCount: cElements * size, alignment: alignment)
    let whole = UnsafeMutableRawPointer.allocate(byteCount: cElements * size, alignment: alignment)
    defer { for memory in [a, b, blocked, whole] { memory.deallocate() } }
    fill(a, count: product.aElements, elementType: product.elementType, stream: 1)
    fill(b, count: product.bElements, elementType: product.elementType, stream: 2)
    fill(blocked, count: cElements, elementType: product.elementType, stream: 3)
    whole.copyMemory(from: blocked, byteCount: cElements * size)
    var inBlocks = product.on(a: a, b: b, c: blocked)
    inBlocks.zeroResult()
    for index in 0..<inBlocks.count { inBlocks.compute(index) }
    product.on(a: a, b: b, c: whole).computeWhole()
    return memcmp(blocked, whole, cElements * size) == 0
  }

  /// Fills `count` elements at `target` with `±(1 + f)·2ᵉ`: sign, `f` (20 bits) and `e` (`-8…7`) taken from a
  /// multiplicative hash of the element's index and `stream` (exact in both element types).
  ///
  /// - Parameters:
  ///   - target: The elements.
  ///   - count: How many.
  ///   - elementType: Their type.
  ///   - stream: Which sequence.
  static func fill(_ target: UnsafeMutableRawPointer, count: Int, elementType: ElementType, stream: UInt64) {
    let offset = stream &* 0xD1B5_4A32_D192_ED03
    switch elementType {
    case .float64:
      let values = target.assumingMemoryBound(to: UInt64.self)
      for index in 0..<count {
        let hash = (UInt64(truncatingIfNeeded: index) &+ offset) &* 0x9E37_79B9_7F4A_7C15
        let bits = hash ^ (hash >> 29)
        // Sign (bit 63), exponent 1015…1030, and the fraction's top 20 bits.
        values[index] = (bits & (1 << 63)) | ((1015 + (bits >> 40) & 15) << 52) | ((bits & 0xF_FFFF) << 32)
      }
    case .float32:
      let values = target.assumingMemoryBound(to: UInt32.self)
      for index in 0..<count {
        let hash = (UInt64(truncatingIfNeeded: index) &+ offset) &* 0x9E37_79B9_7F4A_7C15
        let bits = UInt32(truncatingIfNeeded: hash ^ (hash >> 29))
        // Sign (bit 31), exponent 119…134, and the fraction's top 20 bits.
        values[index] = (bits & (1 << 31)) | ((119 + (bits >> 24) & 15) << 23) | ((bits & 0xF_FFFF) << 3)
      }
    }
  }
}
