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
  }

  deinit { gsl_rng_free(generator) }

  /// A raw 32-bit draw, uniform over `0...UInt32.max` (mt19937's native output).
  @inlinable public func nextUInt32() -> UInt32 {
    UInt32(truncatingIfNeeded: gsl_rng_get(generator))
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
    let range = UInt64(bound)
    var product = UInt64(nextUInt32()) &* range
    var low = UInt32(truncatingIfNeeded: product)
    if low < UInt32(bound) {
      let threshold = UInt32(truncatingIfNeeded: (0 &- range) % range)
      while low < threshold {
        product = UInt64(nextUInt32()) &* range
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
  @inlinable public func fill(_ indices: UnsafeMutableBufferPointer<Int>, below bound: Int) {
    for position in indices.indices { indices[position] = integer(below: bound) }
  }

  /// Shuffles `elements` in place, every order equally likely (Fisher–Yates).
  ///
  /// - Parameter elements: The buffer to shuffle.
  @inlinable public func shuffle<Element>(_ elements: UnsafeMutableBufferPointer<Element>) {
    var remaining = elements.count
    while remaining > 1 {
      let chosen = integer(below: remaining)
      remaining -= 1
      elements.swapAt(remaining, chosen)
    }
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
    for position in 0..<count {
      let chosen = position + integer(below: permutation.count - position)
      permutation.swapAt(position, chosen)
    }
  }
}
