/// A number of units processed together, known at compile time so that its loops unroll into registers (also the
/// row width of a gather specialised to it, ``LaneLayout``).
///
/// Kernels walk a layer's units in blocks of 8, then one block of the remaining 1 to 7
/// (``LaneBlocks/run(count:_:)``): a block keeps one accumulator per unit in a `SIMD8` register, which gives
/// `width` independent chains of fused multiply-adds. A remainder of six or three units is one block, not two
/// (4 + 2, 2 + 1): each pass over the groups does more work per loop, and iris's layers of 6 and 3 units need
/// half as many. Measured on iris (4-12-6-3, batch 64, one thread, medians of 11 interleaved runs, twice):
/// 48.3 M to 50.0 M and 46.8 M to 51.5 M samples/s.
protocol LaneBlock {
  /// The number of units in the block, 1 to 8.
  static var width: Int { get }
}

/// A block of eight units.
enum LaneBlock8: LaneBlock { static var width: Int { 8 } }
/// A block of seven units.
enum LaneBlock7: LaneBlock { static var width: Int { 7 } }
/// A block of six units.
enum LaneBlock6: LaneBlock { static var width: Int { 6 } }
/// A block of five units.
enum LaneBlock5: LaneBlock { static var width: Int { 5 } }
/// A block of four units.
enum LaneBlock4: LaneBlock { static var width: Int { 4 } }
/// A block of three units.
enum LaneBlock3: LaneBlock { static var width: Int { 3 } }
/// A block of two units.
enum LaneBlock2: LaneBlock { static var width: Int { 2 } }
/// A block of one unit.
enum LaneBlock1: LaneBlock { static var width: Int { 1 } }

/// Up to eight lane accumulators, one per unit of a block (registers once the block's loops unroll).
typealias LaneAccumulators = InlineArray<8, LaneVector>

/// The work done on one block of units; generic over the block so each block size is compiled on its own.
protocol LaneBlockKernel {
  /// Processes units `start..<start + Block.width`.
  ///
  /// - Parameters:
  ///   - block: The block size.
  ///   - start: The first unit.
  func run<Block: LaneBlock>(_ block: Block.Type, start: Int)
}

/// Walking a run of units in compile-time blocks.
enum LaneBlocks {
  /// Runs `kernel` on blocks of 8 units, then on one block of the remaining 1 to 7, covering `0..<count`.
  ///
  /// - Parameters:
  ///   - count: The number of units.
  ///   - kernel: The work per block.
  @inline(__always)
  static func run<Kernel: LaneBlockKernel>(count: Int, _ kernel: Kernel) {
    var start = 0
    while count &- start >= 8 {
      kernel.run(LaneBlock8.self, start: start)
      start &+= 8
    }
    switch count &- start {
    case 7: kernel.run(LaneBlock7.self, start: start)
    case 6: kernel.run(LaneBlock6.self, start: start)
    case 5: kernel.run(LaneBlock5.self, start: start)
    case 4: kernel.run(LaneBlock4.self, start: start)
    case 3: kernel.run(LaneBlock3.self, start: start)
    case 2: kernel.run(LaneBlock2.self, start: start)
    case 1: kernel.run(LaneBlock1.self, start: start)
    default: break
    }
  }

  /// The sum of the eight lanes of each of the first `Block.width` accumulators, written to `target[0..<width]`:
  /// `target[i] = Σₗ accumulators[i][l]`, each by ``sum(_:)``.
  ///
  /// The kernels do this once per weight and batch. Each accumulator is reduced on its own, by halves: the
  /// compiler turns that into extractions and additions of halves and quarters. A transposing tree of two-source
  /// shuffles, seven vector additions for eight sums, needs fewer instructions on paper, but the compiler merged
  /// its levels into chains of three-source permutes, blends and horizontal additions; on iris (4-12-6-3, batch 64,
  /// one thread) training went from 52.6 M to 56.7 M samples/s without it (medians of 7 interleaved runs). Measured
  /// slower than each accumulator on its own: pairs reduced together by halves (2%), fours by halves and then a
  /// tree (5%), and within ``sum(_:)`` the last four lanes summed as even plus odd lanes (11%).
  ///
  /// - Parameters:
  ///   - accumulators: The accumulators.
  ///   - block: The block size.
  ///   - target: Receives the sums.
  @inline(__always)
  static func storeSums<Block: LaneBlock>(
    _ accumulators: LaneAccumulators, _ block: Block.Type, to target: UnsafeMutablePointer<Double>
  ) {
    for unit in 0..<Block.width { target[unit] = sum(accumulators[unit]) }
  }

  /// `Σₗ vector[l]`, by halves: `(v₀…₃ + v₄…₇)`, then pairs, then the last two.
  @inline(__always)
  static func sum(_ vector: LaneVector) -> Double {
    let quarter = vector.lowHalf + vector.highHalf
    let pair = quarter.lowHalf + quarter.highHalf
    return pair[0] + pair[1]
  }
}
