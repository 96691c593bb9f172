import CNNKernels
@_spi(Internals) import NNCore
import Testing

/// The batch sampler's draws eight at a time (the kernel tables' `drawBlocks`), on every instruction set this CPU
/// runs, against the generator's own draws reduced one at a time by Lemire's method.
@Suite("Block draws")
struct BlockDrawTests {
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
}
