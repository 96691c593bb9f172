import CNNKernels
@_spi(Internals) import NNCore
import Testing

/// The kernel tables' mt19937 work on every instruction set this CPU runs: the batch sampler's draws eight at a time
/// (`drawBlocks`) against the generator's own draws reduced one at a time by Lemire's method, and the twist against
/// its definition.
@Suite("Random-number kernels")
struct RandomKernelTests {
  /// Bounds with no rejection test in sight (1 to 65,537) and bounds where most draws need one (2³¹ + 1 and up).
  static let bounds = [1, 2, 17, 150, 1437, 65_537, 1 << 31, (1 << 31) + 1, 3_000_000_000, Int(UInt32.max)]

  /// The 624 words of `random`'s mt19937 state, copied out of its state bytes.
  private static func words(of random: RandomSource) -> [UInt] {
    let bytes = random.stateBytes
    return (0..<624).map { word in
      bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: word * MemoryLayout<UInt>.stride, as: UInt.self) }
    }
  }

  @Test(
    "each block draw is ⌊w · bound / 2³²⌋ of the next tempered word w, stopping before a twist or a rejection test",
    arguments: bounds)
  func blocksMatchOneByOne(bound: Int) throws {
    for kernels in KernelTable.runnable {
      let drawBlocks = try #require(kernels.table.pointee.drawBlocks)
      for start in [1, 9, 300, 611, 616, 617] {
        let random = RandomSource(seed: 11)
        _ = random.nextUInt32()  // the first draw twists; the next word is word 1
        let twin = RandomSource(seed: 11)
        for _ in 0..<start { _ = twin.nextUInt32() }
        var words = Self.words(of: random)
        var drawn = [Int](repeating: -1, count: 200)
        let count = words.withUnsafeMutableBufferPointer { words in
          drawn.withUnsafeMutableBufferPointer { drawn in
            drawBlocks(words.baseAddress!, start, UInt(bound), drawn.baseAddress!, 200)
          }
        }
        let label = "\(kernels.name), bound \(bound), from word \(start)"
        #expect(count % 8 == 0 && count <= 200 && start + count <= 624, "\(label): \(count) draws")
        for position in 0..<count {
          let product = UInt64(twin.nextUInt32()) * UInt64(bound)
          #expect(drawn[position] == Int(product >> 32), "\(label), draw \(position)")
          #expect(UInt32(truncatingIfNeeded: product) >= UInt32(bound), "\(label): draw \(position) needed the test")
        }
        if count < 200 && start + count + 8 <= 624 {
          // It stopped for a draw of the next block that needs the rejection test.
          let lows = (0..<8).map { _ in UInt32(truncatingIfNeeded: UInt64(twin.nextUInt32()) * UInt64(bound)) }
          #expect(lows.contains { $0 < UInt32(bound) }, "\(label): stopped after \(count) draws")
        }
      }
    }
  }

  @Test("every table's twist regenerates the 624 words as mt19937 defines it, over successive twists")
  func twistMatchesDefinition() throws {
    for kernels in KernelTable.runnable {
      let twist = try #require(kernels.table.pointee.twist)
      var words = Self.words(of: RandomSource(seed: 5489))
      for round in 0..<5 {
        // w[k] = w[(k + 397) mod 624] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0), y = upper bit of w[k] and the lower
        // 31 bits of w[(k + 1) mod 624], for k = 0, 1, …, 623 in order.
        var expected = words
        for k in 0..<624 {
          let y = (expected[k] & 0x8000_0000) | (expected[(k + 1) % 624] & 0x7fff_ffff)
          expected[k] = expected[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 1 ? 0x9908_b0df : 0)
        }
        words.withUnsafeMutableBufferPointer { twist($0.baseAddress!) }
        #expect(words == expected, "\(kernels.name), twist \(round + 1)")
      }
    }
  }
}
