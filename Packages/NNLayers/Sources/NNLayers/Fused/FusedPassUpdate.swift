import Glibc
import Synchronization

/// The optimizer's update of a step whose batch two threads ran in two parts (``FusedBatchParts``), applied by those
/// threads as they finish their parts, a stage's parameters at a time, instead of after both:
/// ```
/// part 0:  … passes … │ done │ update the stages whose sums part 1 has finished (never waits)
/// part 1:  … passes … sums of the last stage ✓ … sums of the first stage ✓ │ waits for part 0 │ update the rest
/// ```
/// Each stage's share of the store's runs (``pieces``) is updated once, by whichever thread claims it, in the order
/// part 1 finishes their sums (the last stage first). A stage is updated only when its gradients are final (part 1
/// has carried its sums on) and no pass reads its parameters any more: part 1's own reads come before its sums, and
/// part 1 waits for part 0's passes to end before it updates anything, while part 0 updates only after its passes.
/// The rule is elementwise, so the pieces give the parameters and slots of one update of the whole runs, to the bit.
///
/// Part 0 is run by the team's caller (``FusedGradientChains/claimPart()``) and never waits here, so that a helper
/// kept off its core by another process holds the caller up only at the end of the task, where the team sees it.
///
/// Measured on digits (64-128-64-10, batch 256, momentum) on two threads (AMD EPYC Zen 4, two virtual cores), against
/// the update shared in ranges after the parts (``FusedBatchParts/updateGrain(parts:)``): that update took 7.7 µs of
/// a 128 µs step in `float32` and 13.3 of 236 in `float64` (on one thread, 2.9 and 5.0 µs): every gradient was
/// written last by part 1, and half were read from its cache by the other core. Updated as the parts finish, the
/// step took 124.5 µs in `float32`: part 0 updated the last two stages in 6.8 µs while part 1 finished, and part 1
/// the first in 5.8 µs (writing parameters that the other core's cache holds costs either thread more than on one
/// thread). Training ran 1.028 times as fast in `float32` and 1.030 in `float64` (medians of 8 and 6 paired runs).
///
/// A thread writing parameters that the other core's cache holds waits for each line's copy there to be dropped, one
/// line after another: a C test of this update alone (momentum on 17,408 floats, two pinned threads each updating
/// half after both had read them all) took 6–10 µs a half with the cores sharing a cache, 26–27 µs with them far
/// apart (a round trip between them of 320–650 ns), and 1.8 µs for the whole update on one thread. Streaming stores,
/// which write around the caches, took 2–4 µs in either placement, but the next reads of all the parameters then came
/// from memory (3–5 µs, against 1.2–3 µs). In the step (cores close), each part's share updated in a copy of its
/// range and streamed back took part 0 4 µs instead of 6.5 µs, and the next forward passes about 5 µs longer: left
/// out.
final class FusedPassUpdate {
  /// Each stage's share of the store's runs, by stage: the stages with parameters cover the runs from 0 to the
  /// store's count between them, each from its first parameter matrix to the next one's; other stages, none.
  let pieces: [Range<Int>]
  /// The stages whose sums part 1 has finished in this step, counted from the last stage.
  private let finishedStages = Atomic<Int>(0)
  /// The stages claimed for updating in this step, counted from the last stage.
  private let claimedStages = Atomic<Int>(0)
  /// Whether part 0's passes have ended in this step.
  private let firstPartDone = Atomic<Bool>(false)

  /// An update over `pieces`.
  ///
  /// - Parameter pieces: Each stage's share of the store's runs.
  init(pieces: [Range<Int>]) {
    self.pieces = pieces
  }

  /// The stages' shares of `store`'s runs, or `nil` when no stage has parameters.
  ///
  /// - Parameters:
  ///   - stageLayers: Each stage's dense layer, `nil` for a stage without parameters.
  ///   - store: The store the kernel trains.
  static func pieces(stageLayers: [Int?], store: FlatParameterStore) -> [Range<Int>]? {
    var firstOffsets: [Int: Int] = [:]
    for entry in store.entries where firstOffsets[entry.layer] == nil { firstOffsets[entry.layer] = entry.offset }
    let stages = stageLayers.indices.filter { stageLayers[$0] != nil }
    guard !stages.isEmpty else { return nil }
    var pieces = [Range<Int>](repeating: 0..<0, count: stageLayers.count)
    for (position, stage) in stages.enumerated() {
      let lower = position == 0 ? 0 : firstOffsets[stageLayers[stage]!]!
      let upper = position + 1 < stages.count ? firstOffsets[stageLayers[stages[position + 1]]!]! : store.count
      pieces[stage] = lower..<upper
    }
    return pieces
  }

  /// Readies the counters for a step, before its parts start.
  func reset() {
    finishedStages.store(0, ordering: .relaxed)
    claimedStages.store(0, ordering: .relaxed)
    firstPartDone.store(false, ordering: .relaxed)
  }

  /// Marks the sums of the stages from the last down to stage `stage` finished by part 1.
  ///
  /// - Parameter stage: The stage whose sums part 1 has just finished.
  @inline(__always)
  func finishedSums(ofStage stage: Int) {
    finishedStages.store(pieces.count &- stage, ordering: .releasing)
  }

  /// After part `part`'s passes: part 0 updates the stages whose sums are finished and stops at the first that is
  /// not; part 1 (every sum finished) waits for part 0's passes to end, then updates every stage left.
  ///
  /// - Parameters:
  ///   - part: 0 or 1.
  ///   - update: Applies the update to a range of the store's runs.
  @inline(__always)
  func afterPart(_ part: Int, update: (Range<Int>) -> Void) {
    if part == 0 {
      firstPartDone.store(true, ordering: .releasing)
      updateFinishedStages(update)
    } else {
      awaitFirstPart()
      updateRemainingStages(update)
    }
  }

  /// Part 0's share: claims and updates stages, the last first, while part 1 has finished their sums; returns at the
  /// first stage it has not (never waits).
  ///
  /// - Parameter update: Applies the update to a range of the store's runs.
  @inline(__always)
  private func updateFinishedStages(_ update: (Range<Int>) -> Void) {
    let count = pieces.count
    while true {
      let claimed = claimedStages.load(ordering: .relaxed)
      guard claimed < count, claimed < finishedStages.load(ordering: .acquiring) else { return }
      let (exchanged, _) = claimedStages.compareExchange(expected: claimed, desired: claimed &+ 1, ordering: .relaxed)
      if exchanged { update(pieces[count &- 1 &- claimed]) }
    }
  }

  /// Waits until part 0's passes have ended: spinning a while, then yielding the processor.
  private func awaitFirstPart() {
    var spins = 0
    while !firstPartDone.load(ordering: .acquiring) {
      spins &+= 1
      if spins > 4096 { sched_yield() }
    }
  }

  /// Part 1's share, every sum finished and part 0's passes ended: updates every stage not yet claimed.
  ///
  /// - Parameter update: Applies the update to a range of the store's runs.
  @inline(__always)
  private func updateRemainingStages(_ update: (Range<Int>) -> Void) {
    let count = pieces.count
    while true {
      let claimed = claimedStages.wrappingAdd(1, ordering: .relaxed).oldValue
      guard claimed < count else { return }
      update(pieces[count &- 1 &- claimed])
    }
  }
}
