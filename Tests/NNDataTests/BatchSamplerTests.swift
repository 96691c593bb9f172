import NNCore
import NNData
import Testing

@Suite("Batch sampler")
struct BatchSamplerTests {
  /// The indices of the next `count` batches.
  static func draw(_ sampler: inout BatchSampler, batches count: Int) -> [[Int]] {
    (0..<count).map { _ in sampler.nextBatch { Array($0) } }
  }

  static func batches(
    mode: SamplingMode, seed: UInt64, sampleCount: Int = 150, batchSize: Int = 16, count: Int = 20
  )
    throws -> [[Int]]
  {
    var sampler = try BatchSampler(
      sampleCount: sampleCount, batchSize: batchSize, mode: mode, random: RandomSource(seed: seed))
    return draw(&sampler, batches: count)
  }

  @Test(
    "the same seed gives the same batches, another seed other batches",
    arguments: SamplingMode.allCases)
  func reproducible(_ mode: SamplingMode) throws {
    let first = try Self.batches(mode: mode, seed: 42)
    let again = try Self.batches(mode: mode, seed: 42)
    let other = try Self.batches(mode: mode, seed: 43)
    #expect(first == again)
    #expect(first != other)
    #expect(first.allSatisfy { batch in batch.allSatisfy { (0..<150).contains($0) } })
  }

  @Test("shuffle is the default mode and its raw values are the documented names")
  func modeNames() {
    #expect(SamplingMode.default == .shuffle)
    #expect(SamplingMode.allCases.map(\.rawValue) == ["shuffle", "replacement", "subset"])
    #expect(SamplingMode(rawValue: "subset") == .subset)
  }

  @Test("shuffle covers every index exactly once per epoch and keeps the short last batch")
  func shuffleEpochs() throws {
    var sampler = try BatchSampler(sampleCount: 10, batchSize: 4, random: RandomSource(seed: 7))
    #expect(sampler.batchesPerEpoch == 3)
    #expect(sampler.maximumBatchSize == 4)
    var epochs: [[Int]] = []
    for epoch in 0..<5 {
      var seen: [Int] = []
      var sizes: [Int] = []
      for batch in 0..<3 {
        #expect(sampler.epoch == epoch)
        let indices = sampler.nextBatch { Array($0) }
        seen += indices
        sizes.append(indices.count)
        #expect(sampler.isEpochEnd == (batch == 2))
      }
      #expect(sizes == [4, 4, 2])
      #expect(seen.sorted() == Array(0..<10))
      #expect(sampler.epoch == epoch + 1)
      epochs.append(seen)
    }
    #expect(sampler.batchCount == 15)
    #expect(Set(epochs).count == 5, "each epoch is reshuffled")
    #expect(epochs[0] != Array(0..<10), "the first epoch is shuffled too")
  }

  @Test("shuffle with a batch larger than the data gives one batch of every sample per epoch")
  func shuffleLargeBatch() throws {
    var sampler = try BatchSampler(sampleCount: 5, batchSize: 64, random: RandomSource(seed: 1))
    #expect(sampler.batchesPerEpoch == 1)
    #expect(sampler.maximumBatchSize == 5)
    let batch = sampler.nextBatch { Array($0) }
    #expect(batch.sorted() == Array(0..<5))
    #expect(sampler.isEpochEnd && sampler.epoch == 1)
  }

  @Test(
    "each position of a shuffled epoch holds every sample equally often (chi-square, p = 0.001)")
  func shuffleUniform() throws {
    // 6000 epochs of 6 samples: each (position, sample) pair is expected 1000 times.
    var sampler = try BatchSampler(sampleCount: 6, batchSize: 6, random: RandomSource(seed: 3))
    var counts = Array(repeating: Array(repeating: 0, count: 6), count: 6)
    for _ in 0..<6000 {
      sampler.nextBatch { indices in
        for (position, sample) in indices.enumerated() { counts[position][sample] += 1 }
      }
    }
    // 20.52 is the 0.999 quantile of χ² with 5 degrees of freedom.
    for position in 0..<6 {
      #expect(Self.chiSquare(counts[position]) < 20.52, "position \(position): \(counts[position])")
    }
  }

  @Test("replacement draws stay in range, fill the whole batch, are uniform and do repeat")
  func replacement() throws {
    var sampler = try BatchSampler(
      sampleCount: 150, batchSize: 64, mode: .replacement, random: RandomSource(seed: 9))
    #expect(sampler.batchesPerEpoch == 3)
    var counts = Array(repeating: 0, count: 150)
    var batchesWithRepeats = 0
    for _ in 0..<3000 {
      sampler.nextBatch { indices in
        #expect(indices.count == 64)
        for index in indices { counts[index] += 1 }
        if Set(indices).count < indices.count { batchesWithRepeats += 1 }
      }
    }
    #expect(counts.allSatisfy { $0 > 0 })
    // 64 draws from 150 all differ with probability ≈ 1.3e-7, so nearly every batch repeats an index.
    #expect(batchesWithRepeats > 2990)
    // 208.09 is the 0.999 quantile of χ² with 149 degrees of freedom.
    #expect(Self.chiSquare(counts) < 208.09, "χ² \(Self.chiSquare(counts))")
    #expect(sampler.epoch == 1000)
  }

  @Test("replacement allows a batch larger than the data")
  func replacementLargeBatch() throws {
    var sampler = try BatchSampler(
      sampleCount: 3, batchSize: 10, mode: .replacement, random: RandomSource(seed: 2))
    let batch = sampler.nextBatch { Array($0) }
    #expect(batch.count == 10)
    #expect(Set(batch).isSubset(of: [0, 1, 2]))
  }

  @Test("subset batches have no repeats and include every sample equally often")
  func subset() throws {
    var sampler = try BatchSampler(
      sampleCount: 20, batchSize: 15, mode: .subset, random: RandomSource(seed: 5))
    #expect(sampler.batchesPerEpoch == 2)
    var counts = Array(repeating: 0, count: 20)
    for _ in 0..<2000 {
      sampler.nextBatch { indices in
        #expect(indices.count == 15)
        #expect(Set(indices).count == 15)
        #expect(indices.allSatisfy { (0..<20).contains($0) })
        for index in indices { counts[index] += 1 }
      }
    }
    // Inclusion counts are not independent across samples, so this is only a loose check: 1500 expected each.
    #expect(counts.allSatisfy { abs($0 - 1500) < 120 }, "counts \(counts)")
  }

  @Test("subset with the batch equal to the data gives a permutation each batch")
  func subsetWhole() throws {
    var sampler = try BatchSampler(
      sampleCount: 8, batchSize: 8, mode: .subset, random: RandomSource(seed: 11))
    let batches = Self.draw(&sampler, batches: 4)
    #expect(batches.allSatisfy { $0.sorted() == Array(0..<8) })
    #expect(Set(batches).count > 1)
  }

  @Test(
    "consecutive subset batches are independent: a later batch may reuse an earlier batch's samples"
  )
  func subsetIndependent() throws {
    var sampler = try BatchSampler(
      sampleCount: 10, batchSize: 6, mode: .subset, random: RandomSource(seed: 4))
    let batches = Self.draw(&sampler, batches: 2)
    #expect(!Set(batches[0]).isDisjoint(with: batches[1]), "two 6-of-10 samples must overlap")
  }

  @Test("the batch comes from the sampler's one buffer: no allocation per batch")
  func reusesBuffer() throws {
    for mode in SamplingMode.allCases {
      var sampler = try BatchSampler(
        sampleCount: 50, batchSize: 10, mode: mode, random: RandomSource(seed: 8))
      let first = sampler.nextBatch { $0.baseAddress }
      for _ in 0..<(sampler.batchesPerEpoch - 1) { _ = sampler.nextBatch { $0.count } }
      let nextEpoch = sampler.nextBatch { $0.baseAddress }
      #expect(first == nextEpoch, "\(mode)")
    }
  }

  @Test("a batch larger than the data is rejected in subset mode, naming both numbers and the mode")
  func subsetTooLarge() throws {
    let error = try #require(throws: DataError.self) {
      try BatchSampler(
        sampleCount: 150, batchSize: 200, mode: .subset, random: RandomSource(seed: 0))
    }
    #expect(error.description.contains("200"))
    #expect(error.description.contains("150"))
    #expect(error.description.contains("subset"))
  }

  @Test("a batch size below 1 and an empty data set are rejected", arguments: SamplingMode.allCases)
  func invalidCounts(_ mode: SamplingMode) throws {
    let random = RandomSource(seed: 0)
    let zeroBatch = try #require(throws: DataError.self) {
      try BatchSampler(sampleCount: 10, batchSize: 0, mode: mode, random: random)
    }
    #expect(
      zeroBatch == .invalidArgument(name: "batch size", problem: "expected at least 1, got 0"))
    #expect(throws: DataError.self) {
      try BatchSampler(sampleCount: 0, batchSize: 1, mode: mode, random: random)
    }
    let empty = try Dataset(
      name: "empty", features: Matrix(rows: 0, columns: 2), labels: [], classNames: ["a"])
    let emptyError = try #require(throws: DataError.self) {
      try BatchSampler(for: empty, batchSize: 1, mode: mode, random: random)
    }
    #expect(emptyError.description.contains("empty data set"))
  }

  /// Pearson's χ² statistic of counts against a uniform expectation: `Σ (observed − expected)² / expected`.
  static func chiSquare(_ counts: [Int]) -> Double {
    let expected = Double(counts.reduce(0, +)) / Double(counts.count)
    return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
  }
}
