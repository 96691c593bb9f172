import Glibc
import Synchronization

/// Where the two parts of a batch run by two threads meet in each parameter-gradient sum (``FusedBatchParts``): the
/// first part's progress, and the sums it leaves unfinished for the second.
///
/// A sum over samples `0..<N` is one chain `s ← s + xₖδⱼ`. The first part runs the chain over its samples and leaves
/// `s` in a carry buffer (padded rows of sums, or sums in lanes not yet reduced across lanes, as the stage's kernel
/// takes them). The second part waits, block by block, until the first has published a block, then runs the chain on
/// over its own samples and writes the gradient. Each sum is thus taken in the order the whole batch takes it on one
/// thread, to the same bits, while each part reads only its own samples.
///
/// The first part's stores into the carry buffer wait for the second core's copies of those lines (read in the last
/// step) to be dropped. Streaming stores, which do not wait, shortened the first part's backward passes by 3 µs of a
/// 126 µs `float32` digits step (batch 256), but the second part then read the sums from memory and took 11 µs longer
/// over its own (AMD EPYC Zen 4, cores sharing a cache): left out.
struct FusedGradientChain {
  /// The first part's progress in this stage: 0 before a step, then the blocks of sums it has left.
  let progress: UnsafeMutablePointer<Int>
  /// The first part's unfinished sums, the bias's last (``FusedStageKernel/carryVectors`` lane vectors).
  let carry: UnsafeMutablePointer<LaneVector>
}

/// The chains of every stage of a kernel, shared by the kernels of a batch's two parts.
final class FusedGradientChains {
  /// One progress counter per stage, each on a cache line of its own.
  private let counters: UnsafeMutablePointer<Int>
  /// Every stage's carry buffer, one after another.
  private let carries: UnsafeMutablePointer<LaneVector>
  /// Each stage's chain.
  let chains: [FusedGradientChain]
  /// The parts claimed in the step being run, one bit each (``claimPart()``).
  private let claimedParts = Atomic<Int>(0)
  /// The thread running the step: the team's caller.
  private var caller = pthread_self()

  /// Counters and carry buffers for stages of these sizes.
  ///
  /// - Parameter carryVectors: The lane vectors of each stage's carry buffer (``FusedStageKernel/carryVectors``).
  init(carryVectors sizes: [Int]) {
    let stride = 64 / MemoryLayout<Int>.stride
    let count = max(1, sizes.count) * stride
    counters = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Int>.stride, alignment: 64)
      .bindMemory(to: Int.self, capacity: count)
    counters.initialize(repeating: 0, count: count)
    let total = max(1, sizes.reduce(0, +))
    carries = UnsafeMutableRawPointer.allocate(byteCount: total * MemoryLayout<LaneVector>.stride, alignment: 64)
      .bindMemory(to: LaneVector.self, capacity: total)
    carries.initialize(repeating: .zero, count: total)
    var offset = 0
    var chains: [FusedGradientChain] = []
    for (index, size) in sizes.enumerated() {
      chains.append(FusedGradientChain(progress: counters + index * stride, carry: carries + offset))
      offset += size
    }
    self.chains = chains
  }

  /// Sets every stage's progress to 0 and frees both parts, before a step's parts start on the calling thread (the
  /// team's caller).
  func reset() {
    claimedParts.store(0, ordering: .relaxed)
    caller = pthread_self()
    // An index loop: an array's iterator, unspecialised in a debug build, allocates.
    var index = 0
    while index < chains.count {
      chains[index].progress.pointee = 0
      index &+= 1
    }
  }

  /// The part the calling thread runs next: the team's caller takes part 0 while it is free, a helper part 1, each
  /// the other part when its own is taken.
  ///
  /// Part 1 waits for part 0 (``FusedGradientChain``). With the caller on part 0, a helper kept off its core holds the
  /// caller up at the end of the task, where the team sees the wait and runs the next tasks on the caller alone; on
  /// part 1, the caller would wait inside its own work, where the team cannot tell. A part 1 never waits for a part 0
  /// that no thread will run: the caller claims the task's chunks until none is left, so part 0 is the caller's or
  /// already a helper's.
  func claimPart() -> Int {
    let preferred = pthread_equal(pthread_self(), caller) != 0 ? 0 : 1
    var claimed = claimedParts.load(ordering: .relaxed)
    while true {
      let part = claimed & (1 << preferred) == 0 ? preferred : 1 - preferred
      let (exchanged, original) = claimedParts.compareExchange(
        expected: claimed, desired: claimed | 1 << part, ordering: .relaxed)
      if exchanged { return part }
      claimed = original
    }
  }

  deinit {
    counters.deallocate()
    carries.deallocate()
  }
}
