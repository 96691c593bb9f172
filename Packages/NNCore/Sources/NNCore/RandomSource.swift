import CGSL

/// A seeded source of random numbers: GSL's Mersenne Twister (`gsl_rng_mt19937`).
///
/// Everything random in nn (initial weights, shuffling, batch sampling, dropout) draws from a source that is
/// passed in, never from a global one, so the same seed reproduces a run bit for bit.
///
/// A source is a reference to generator state that changes with every draw; it is not safe to share
/// between threads. Give each thread its own source.
public final class RandomSource {
  @usableFromInline let generator: UnsafeMutablePointer<gsl_rng>
  /// GSL's mt19937 state (`unsigned long mt[624]; int mti;`), read and advanced here directly so that raw draws
  /// cost no library call; `nil` if the generator's state does not have that layout (then GSL draws).
  @usableFromInline let twister: MersenneTwisterState?
  /// The seed this source was created with.
  public let seed: UInt64

  /// A generator seeded with `seed` (GSL maps seed 0 to its documented default, 4357).
  ///
  /// - Parameter seed: Any value; only its low 32 bits reach mt19937, as in GSL.
  public init(seed: UInt64) {
    nn_gsl_disable_abort()
    guard let generator = gsl_rng_alloc(nn_gsl_rng_mt19937()) else {
      fatalError("GSL could not allocate a random number generator (out of memory)")
    }
    self.generator = generator
    self.seed = seed
    gsl_rng_set(generator, UInt(truncatingIfNeeded: seed))
    twister = MersenneTwisterState(generator)
  }

  deinit { gsl_rng_free(generator) }

  /// The generator's name in GSL (`mt19937`), stored beside ``stateBytes`` so a restore can check it.
  public var generatorName: String { gsl_rng_name(generator).map { String(cString: $0) } ?? "" }

  /// A copy of the generator's whole state (GSL's `gsl_rng_state`, `gsl_rng_size` bytes): restoring it with
  /// ``restoreState(_:)`` makes the source continue with exactly the draws it would have made from here.
  public var stateBytes: [UInt8] {
    let size = gsl_rng_size(generator)
    guard let state = gsl_rng_state(generator) else { return [] }
    return Array(UnsafeRawBufferPointer(start: state, count: size))
  }

  /// Replaces the generator's state with bytes taken from ``stateBytes`` of a source of the same kind.
  ///
  /// The fast path's view of the Mersenne Twister reads the same memory, so draws made after a restore through
  /// either path continue one stream.
  ///
  /// - Parameter bytes: A state of exactly `gsl_rng_size` bytes.
  /// - Returns: `false`, leaving the state unchanged, when the size is wrong or the stored position is out of
  ///   range for mt19937.
  @discardableResult
  public func restoreState(_ bytes: [UInt8]) -> Bool {
    let size = gsl_rng_size(generator)
    guard bytes.count == size, let state = gsl_rng_state(generator) else { return false }
    if twister != nil {
      let offset = MemoryLayout<UInt>.stride * MersenneTwisterState.wordCount
      let position = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
      guard (0...Int32(MersenneTwisterState.wordCount)).contains(position) else { return false }
    }
    bytes.withUnsafeBytes { source in state.copyMemory(from: source.baseAddress!, byteCount: size) }
    return true
  }

  /// A raw 32-bit draw, uniform over `0...UInt32.max` (mt19937's native output): the value `gsl_rng_get` would
  /// return, computed in place on GSL's state.
  @inlinable public func nextUInt32() -> UInt32 {
    guard let twister else { return UInt32(truncatingIfNeeded: gsl_rng_get(generator)) }
    var index = twister.index
    let value = twister.next(&index)
    twister.index = index
    return value
  }

  /// A uniform draw from `[0, 1)`, with 32 bits of resolution (`gsl_rng_uniform`).
  @inlinable public func uniform() -> Double {
    gsl_rng_uniform(generator)
  }

  /// A uniform draw from `[lowerBound, upperBound)`.
  ///
  /// - Parameters:
  ///   - lowerBound: The smallest possible value.
  ///   - upperBound: The bound, not reached.
  @inlinable public func uniform(from lowerBound: Double, to upperBound: Double) -> Double {
    lowerBound + (upperBound - lowerBound) * gsl_rng_uniform(generator)
  }

  /// A draw from the normal distribution N(mean, standardDeviation²) (GSL's ziggurat method).
  ///
  /// - Parameters:
  ///   - mean: The mean.
  ///   - standardDeviation: The standard deviation, positive.
  @inlinable public func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    mean + gsl_ran_gaussian_ziggurat(generator, standardDeviation)
  }

  /// A uniform integer in `0..<bound`, without bias.
  ///
  /// Multiplies a raw 32-bit draw by `bound` and keeps the high word, rejecting the few low words that would
  /// favour some values (Lemire's method): one raw draw almost always, and no division in the common case.
  ///
  /// - Parameter bound: The exclusive upper bound, in `1...UInt32.max`.
  @inlinable public func integer(below bound: Int) -> Int {
    precondition(bound > 0 && bound <= Int(UInt32.max), "integer(below:) needs 1...\(UInt32.max), got \(bound)")
    return RandomSource.reduce(bound: bound, nextUInt32)
  }

  /// Lemire's unbiased reduction of raw draws to `0..<bound`: `⌊draw · bound / 2³²⌋`, drawing again while the
  /// low word `draw · bound mod 2³²` is below `2³² mod bound` (then every value has exactly
  /// `⌊2³² / bound⌋` accepted raw draws).
  @inlinable @inline(__always)
  static func reduce(bound: Int, _ draw: () -> UInt32) -> Int {
    let range = UInt64(bound)
    var product = UInt64(draw()) &* range
    var low = UInt32(truncatingIfNeeded: product)
    if low < UInt32(bound) {
      let threshold = (0 &- UInt32(bound)) % UInt32(bound)  // 2³² mod bound
      while low < threshold {
        product = UInt64(draw()) &* range
        low = UInt32(truncatingIfNeeded: product)
      }
    }
    return Int(truncatingIfNeeded: product >> 32)
  }

  /// Fills `indices` with independent uniform draws from `0..<bound` (sampling with replacement).
  ///
  /// - Parameters:
  ///   - indices: The buffer to fill.
  ///   - bound: The exclusive upper bound.
  public func fill(_ indices: UnsafeMutableBufferPointer<Int>, below bound: Int) {
    precondition(bound > 0 && bound <= Int(UInt32.max), "fill(_:below:) needs 1...\(UInt32.max), got \(bound)")
    guard let twister, let base = indices.baseAddress else {
      for position in indices.indices { indices[position] = integer(below: bound) }
      return
    }
    var index = twister.index
    var position = 0
    let count = indices.count
    let drawBlocks = KernelTable.selected.table.pointee.drawBlocks!
    // Eight draws at a time (in C, for the CPU's vectors) where no twist is due and no draw needs Lemire's rejection
    // test (a low word below `bound`: for a bound of 150, one draw in 29 million); elsewhere one draw, exactly as
    // `integer(below:)` makes it, and then eight at a time again, so the draws are always those of one-by-one draws.
    while position < count {
      let drawn = drawBlocks(twister.words, index, UInt(bound), base + position, count &- position)
      index &+= drawn
      position &+= drawn
      guard position < count else { break }
      indices[position] = RandomSource.reduce(bound: bound) { twister.next(&index) }
      position &+= 1
    }
    twister.index = index
  }

  /// Shuffles `elements` in place, every order equally likely (Fisher–Yates).
  ///
  /// - Parameter elements: The buffer to shuffle.
  @inlinable public func shuffle<Element>(_ elements: UnsafeMutableBufferPointer<Element>) {
    precondition(elements.count <= Int(UInt32.max), "shuffle needs at most \(UInt32.max) elements")
    withDraws { draw in
      var remaining = elements.count
      while remaining > 1 {
        let chosen = RandomSource.reduce(bound: remaining, draw)
        remaining -= 1
        elements.swapAt(remaining, chosen)
      }
    }
  }

  /// Runs `body` with a function that returns raw 32-bit draws (those of ``nextUInt32()``), the generator's
  /// position read once before them and stored once after, rather than at every draw.
  ///
  /// - Parameter body: The work that draws.
  @inlinable func withDraws(_ body: (() -> UInt32) -> Void) {
    guard let twister else { return body { UInt32(truncatingIfNeeded: gsl_rng_get(self.generator)) } }
    var index = twister.index
    body { twister.next(&index) }
    twister.index = index
  }

  /// Shuffles an array in place, every order equally likely (Fisher–Yates).
  ///
  /// - Parameter elements: The array to shuffle.
  public func shuffle<Element>(_ elements: inout [Element]) {
    elements.withUnsafeMutableBufferPointer { shuffle($0) }
  }

  /// Moves a uniformly random `count`-element subset of `permutation`, in random order, to its front.
  ///
  /// A partial Fisher–Yates shuffle: `permutation` stays a permutation of its values, so it can be reused for
  /// the next draw without being reset. The first `count` elements are then a sample without replacement.
  ///
  /// - Parameters:
  ///   - count: How many elements to draw, at most `permutation.count`.
  ///   - permutation: The values to draw from.
  @inlinable public func drawWithoutReplacement<Element>(
    _ count: Int, from permutation: UnsafeMutableBufferPointer<Element>
  ) {
    precondition(count <= permutation.count, "cannot draw \(count) of \(permutation.count) without replacement")
    precondition(permutation.count <= Int(UInt32.max), "cannot draw from more than \(UInt32.max) elements")
    withDraws { draw in
      for position in 0..<count {
        let chosen = position + RandomSource.reduce(bound: permutation.count - position, draw)
        permutation.swapAt(position, chosen)
      }
    }
  }
}

/// Direct access to the state of GSL's `gsl_rng_mt19937`, to draw its outputs without a library call each.
///
/// GSL keeps `typedef struct { unsigned long mt[624]; int mti; } mt_state_t;` and returns, for each draw, the
/// tempered word `mt[mti++]`, regenerating all 624 words (the "twist") when `mti` reaches 624. This type does
/// exactly that on the same memory, so draws made here and by GSL's own functions form one stream.
///
/// A value holding two pointers into the generator's state, which the ``RandomSource`` that owns the generator keeps
/// alive: opening it for a batch's draws costs no reference counting (as a class, it was retained and released at
/// every batch).
@usableFromInline struct MersenneTwisterState {
  @usableFromInline static let wordCount = 624
  @usableFromInline let words: UnsafeMutablePointer<UInt>
  @usableFromInline let position: UnsafeMutablePointer<Int32>

  /// The state of `generator`, or `nil` unless it is GSL's mt19937 with the expected layout.
  @usableFromInline init?(_ generator: UnsafeMutablePointer<gsl_rng>) {
    let expectedSize = MemoryLayout<UInt>.stride * Self.wordCount + MemoryLayout<UInt>.stride
    guard MemoryLayout<UInt>.size == 8, gsl_rng_size(generator) == expectedSize,
      let name = gsl_rng_name(generator), String(cString: name) == "mt19937",
      let state = generator.pointee.state
    else { return nil }
    words = state.bindMemory(to: UInt.self, capacity: Self.wordCount)
    position = (state + MemoryLayout<UInt>.stride * Self.wordCount).bindMemory(to: Int32.self, capacity: 1)
  }

  /// GSL's `mti`: the next word to temper.
  @inlinable var index: Int {
    get { Int(position.pointee) }
    nonmutating set { position.pointee = Int32(truncatingIfNeeded: newValue) }
  }

  /// The next output, `index` standing for `mti` (the caller stores it back).
  @inlinable @inline(__always) func next(_ index: inout Int) -> UInt32 {
    if index >= Self.wordCount {
      twist()
      index = 0
    }
    var word = words[index]
    index &+= 1
    word ^= word >> 11
    word ^= (word << 7) & 0x9d2c_5680
    word ^= (word << 15) & 0xefc6_0000
    word ^= word >> 18
    return UInt32(truncatingIfNeeded: word)
  }

  /// Regenerates the 624 words, as GSL's `mt_get` does:
  /// ```
  /// y = (w[k] & 0x8000_0000) | (w[k + 1] & 0x7fff_ffff)
  /// w[k] = w[(k + 397) mod 624] ^ (y >> 1) ^ (y odd ? 0x9908_b0df : 0)      for k = 0, 1, …, 623
  /// ```
  /// In C, vectorised for the CPU (``KernelTable``): each word reads its successor before that is rewritten, and a
  /// word 397 places on (in the first 227) or 227 places back (in the rest), which no word of the same loop writes.
  @usableFromInline func twist() {
    KernelTable.selected.table.pointee.twist(words)
  }

}
