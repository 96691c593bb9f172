import NNCore

/// Chooses the sample indices of successive mini-batches, drawing from an injected ``/NNCore/RandomSource``.
///
/// The sampler owns one index buffer, allocated when it is created (`sampleCount` indices, or `batchSize` for
/// ``SamplingMode/replacement``), and lends each batch out as a pointer into it, so drawing a batch allocates
/// nothing:
///
/// ```swift
/// var sampler = try BatchSampler(sampleCount: data.count, batchSize: 64, random: random)
/// while sampler.epoch < 100 {
///   sampler.nextBatch { indices in data.gatherBatch(at: indices, features: &x, targets: &y) }
///   // …one training step on x and y…
///   if sampler.isEpochEnd { print("epoch \(sampler.epoch) done") }
/// }
/// ```
///
/// An epoch is ``batchesPerEpoch`` = ⌈sampleCount / batchSize⌉ batches in every mode. In
/// ``SamplingMode/shuffle`` mode that is one pass over the data; in the other modes it only sets the rhythm
/// of ``epoch`` and ``isEpochEnd`` (about `sampleCount` samples drawn).
///
/// The same seed gives the same batches. Copies of a sampler share its random source, so they do not repeat
/// each other's batches.
public struct BatchSampler {
  /// The number of samples indexed, `0..<sampleCount`.
  public let sampleCount: Int
  /// The number of indices in a batch (the last batch of a shuffled epoch may have fewer).
  public let batchSize: Int
  /// How the batches are drawn.
  public let mode: SamplingMode
  /// The number of batches in an epoch: ⌈sampleCount / batchSize⌉.
  public let batchesPerEpoch: Int
  /// The number of completed epochs.
  public private(set) var epoch = 0
  /// The number of batches drawn in the current, unfinished epoch (zero right after an epoch ends).
  public private(set) var batchInEpoch = 0
  /// The number of batches drawn since the sampler was created.
  public private(set) var batchCount = 0
  /// Whether the batch drawn last was the last batch of its epoch: the moment to log or evaluate per epoch.
  public private(set) var isEpochEnd = false

  private let random: RandomSource
  /// The sample order of the current epoch (shuffle), the permutation drawn from (subset), or the batch
  /// itself (replacement).
  @usableFromInline var indices: [Int]

  /// A sampler over `sampleCount` samples.
  ///
  /// No random number is drawn until the first batch.
  ///
  /// - Parameters:
  ///   - sampleCount: The number of samples, at least 1.
  ///   - batchSize: The number of indices per batch, at least 1; in ``SamplingMode/subset`` mode at most
  ///     `sampleCount`. In ``SamplingMode/shuffle`` mode a larger size gives one batch of every sample.
  ///   - mode: How batches are drawn; ``SamplingMode/shuffle`` by default.
  ///   - random: The source of every random draw.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when a count is out of range.
  public init(sampleCount: Int, batchSize: Int, mode: SamplingMode = .shuffle, random: RandomSource)
    throws
  {
    guard batchSize >= 1 else {
      throw DataError.invalidArgument(
        name: "batch size", problem: "expected at least 1, got \(batchSize)")
    }
    guard sampleCount >= 1 else {
      throw DataError.invalidArgument(
        name: "sample count",
        problem: "cannot draw batches from an empty data set (\(sampleCount) samples)")
    }
    guard sampleCount <= Int(UInt32.max) else {
      throw DataError.invalidArgument(
        name: "sample count",
        problem: "at most \(UInt32.max) samples can be drawn from, got \(sampleCount)")
    }
    if mode == .subset && batchSize > sampleCount {
      throw DataError.invalidArgument(
        name: "batch size",
        problem:
          "\(batchSize) exceeds the \(sampleCount) samples; '\(mode.rawValue)' sampling draws each batch "
          + "without replacement, so the batch size must be at most \(sampleCount)")
    }
    self.sampleCount = sampleCount
    self.batchSize = batchSize
    self.mode = mode
    self.random = random
    self.batchesPerEpoch = Self.batchesPerEpoch(sampleCount: sampleCount, batchSize: batchSize)
    self.indices =
      mode == .replacement ? Array(repeating: 0, count: batchSize) : Array(0..<sampleCount)
  }

  /// A sampler over the samples of `dataset`.
  ///
  /// - Parameters:
  ///   - dataset: The data set whose rows are sampled.
  ///   - batchSize: The number of indices per batch (see ``init(sampleCount:batchSize:mode:random:)``).
  ///   - mode: How batches are drawn; ``SamplingMode/shuffle`` by default.
  ///   - random: The source of every random draw.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the data set is empty or the batch size is out
  ///   of range.
  public init(
    for dataset: Dataset, batchSize: Int, mode: SamplingMode = .shuffle, random: RandomSource
  ) throws {
    try self.init(sampleCount: dataset.count, batchSize: batchSize, mode: mode, random: random)
  }

  /// The batches of an epoch: `⌈sampleCount / batchSize⌉`, in every mode.
  ///
  /// - Parameters:
  ///   - sampleCount: The samples, at least 1.
  ///   - batchSize: Samples per batch, at least 1.
  public static func batchesPerEpoch(sampleCount: Int, batchSize: Int) -> Int {
    (sampleCount + batchSize - 1) / batchSize
  }

  /// The largest batch this sampler returns, for sizing buffers: `min(batchSize, sampleCount)` in shuffle mode,
  /// `batchSize` otherwise.
  public var maximumBatchSize: Int {
    mode == .shuffle ? min(batchSize, sampleCount) : batchSize
  }

  /// Draws the next batch and calls `body` with its sample indices.
  ///
  /// - ``SamplingMode/shuffle``: at the start of an epoch, shuffles the sample order (Fisher–Yates); the
  ///   batch is the next `batchSize` indices of that order, or the remainder at the end of the epoch.
  /// - ``SamplingMode/replacement``: `batchSize` independent draws from `0..<sampleCount`.
  /// - ``SamplingMode/subset``: `batchSize` distinct indices, a uniform sample (partial Fisher–Yates on a
  ///   permutation kept between batches).
  ///
  /// Afterwards ``batchCount``, ``batchInEpoch``, ``epoch`` and ``isEpochEnd`` describe the batch drawn.
  ///
  /// Inlinable, so that a caller's `body` is specialised and inlined: called as generic code, the sampler's part
  /// of an iris step took 0.7% of it, most of that in an unspecialised `Array.withUnsafeBufferPointer`.
  ///
  /// - Parameter body: Receives the indices; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  @inlinable
  public mutating func nextBatch<Result>(_ body: (UnsafeBufferPointer<Int>) throws -> Result)
    rethrows -> Result
  {
    let batch = drawBatch()
    return try indices.withUnsafeBufferPointer { buffer in try body(UnsafeBufferPointer(rebasing: buffer[batch])) }
  }

  /// Draws the next batch into ``indices`` and advances the counters; returns the batch's positions in ``indices``.
  @usableFromInline
  mutating func drawBatch() -> Range<Int> {
    let start: Int
    let end: Int
    switch mode {
    case .shuffle:
      if batchInEpoch == 0 { indices.withUnsafeMutableBufferPointer { random.shuffle($0) } }
      start = batchInEpoch * batchSize
      end = min(start + batchSize, sampleCount)
    case .replacement:
      let bound = sampleCount
      // Reached unretained (the sampler keeps the source alive): calling it on `random` inside the access to
      // `indices` retained and released it, one of the six retain–release pairs that took 4.2% of an iris step.
      let source = Unmanaged.passUnretained(random)
      indices.withUnsafeMutableBufferPointer { buffer in
        source._withUnsafeGuaranteedRef { $0.fill(buffer, below: bound) }
      }
      start = 0
      end = batchSize
    case .subset:
      let count = batchSize
      indices.withUnsafeMutableBufferPointer { random.drawWithoutReplacement(count, from: $0) }
      start = 0
      end = batchSize
    }
    batchCount += 1
    batchInEpoch += 1
    isEpochEnd = batchInEpoch == batchesPerEpoch
    if isEpochEnd {
      epoch += 1
      batchInEpoch = 0
    }
    return start..<end
  }
}
