@_spi(Internals) import NNCore

/// When and how the fused kernel shares a batch between threads.
///
/// With more than one thread asked for (``/NNCore/BLAS/setThreadCount(_:)``), a batch large enough to gain is cut
/// into two parts of whole lane groups. Each part runs the whole step on its rows (loading them into lanes, the
/// forward passes, the loss, the backward passes) in a kernel of its own, the first in the kernel of the whole batch;
/// the parts are claimed by the caller and the team's helpers. Every parameter-gradient sum runs as one chain over
/// the batch's samples in order, the first part's samples then the second's (``FusedGradientChain``):
/// ```
/// ∂L/∂W = ((s over part 0's samples) carried on over part 1's samples)      L = L₀ + L₁
/// ```
/// so the gradients are those of the step on one thread, to the bit, and only the loss is summed by part. Results
/// thus depend on the batch and the network alone: one thread, two, or two on a busy machine give the same
/// parameters, and the same loss whenever the batch is cut.
///
/// When the team would run the parts one after the other on the caller (the other processors are taken by other
/// processes), the batch runs as on one thread, its loss alone taken by part
/// (``FusedNetworkKernel/passes(rows:lossParts:)``): the same results at one thread's speed.
///
/// Design notes, from measurements on digits (64-128-64-10, batch 256; AMD EPYC Zen 4 with AVX-512, two virtual
/// cores; medians of interleaved runs):
/// - The parts' sums were first each taken from zero and then added (`g₀ + g₁`). Those bits differ from the one-thread
///   step's, so a busy machine had to keep the sums apart by part in one kernel, over half-batches: 5% more time in
///   those sums, and two threads ran at 0.97–0.99 times one thread's speed against a busy loop on the other core. With
///   the chains, a busy machine runs the one-thread step itself: 0.98–1.00 times in `float64` (566 k samples/s both
///   in one series), 0.99 in `float32` (1.075 M against 1.090 M), in series of 11 to 21 runs whose runs swing ±2%.
/// - On a free machine the chains cost about what adding the parts' gradients cost: two threads trained at 1.917 M
///   samples/s in `float32` against 1.912 M with the sums added, and at 1.022 M against 1.045 M in `float64` (15 runs;
///   one thread 1.11 M and 0.58 M).
/// - Sharing the step instead by slices of the weights, each thread summing its weights over the whole batch, also
///   kept the one-thread bits, but each thread read half of every stage's inputs and error terms from the other
///   core's cache: two threads at 947 k samples/s in `float64`, against 1.025 M for the parts (7 runs).
enum FusedBatchParts {
  /// The most parts a batch is cut into: 2, the parts a ``FusedGradientChain`` joins.
  ///
  /// On two cores four parts ran no faster than two: digits (64-128-64-10) at batch 256 on two threads trained at
  /// 4.03 M samples/s in four parts and 4.16 M in two, in `float32`, when the parts' gradients were added (one thread:
  /// 2.34 M; AMD EPYC Zen 5, medians of 5 interleaved runs).
  static let maximumParts = 2

  /// The fewest multiply-adds a part's forward pass takes (its rows times the network's parameters) for a batch to be
  /// cut: 2²⁰ (on the digits network, 64-128-64-10, parts of at least 61 rows).
  ///
  /// A batch in parts costs more than whole (two smaller passes, the parts' sums handed from one thread to the other).
  /// Measured on digits in `float64` when the parts' gradients were added, parts run one after the other against the
  /// whole batch: batch 32 (parts of 16 rows) 12% slower, 64 rows 5%, 128 rows 1%, 256 rows no slower. On two free
  /// processors the parts gained 1.12× at batch 32, 1.22× at 64, 1.68× at 128 and 1.78× at 256 (AMD EPYC Zen 5, medians
  /// of 5 interleaved runs).
  static let minimumPartWork = 1 << 20

  /// How many parts a batch of `rows` rows is cut into: 1 (whole) on one thread; else the largest power of two up to
  /// ``maximumParts`` for which each part has at least one lane group and ``minimumPartWork`` multiply-adds.
  ///
  /// - Parameters:
  ///   - rows: The rows in the batch.
  ///   - parameters: The number of parameters the kernel trains.
  ///   - lanes: The samples in a lane vector (8 or 16).
  ///   - threads: The threads asked for.
  static func count(rows: Int, parameters: Int, lanes: Int, threads: Int) -> Int {
    guard threads > 1 else { return 1 }
    var parts = 1
    while parts < maximumParts, rows >= 2 &* parts &* lanes, (rows / (2 &* parts)) &* parameters >= minimumPartWork {
      parts &*= 2
    }
    return parts
  }

  /// The lane groups of part `part` of `parts` of a batch of `groups` groups: `[p·G/P, (p+1)·G/P)`. Every way a
  /// batch's parts are run (kernels of their own, or the loss taken by part in one) cuts it here, so that they give
  /// the same bits.
  ///
  /// - Parameters:
  ///   - part: The part, in `0..<parts`.
  ///   - parts: The number of parts.
  ///   - groups: The lane groups of the whole batch.
  @inline(__always)
  static func groups(ofPart part: Int, parts: Int, groups: Int) -> Range<Int> {
    (part &* groups / parts)..<((part &+ 1) &* groups / parts)
  }

  /// The rows of part `part` of `parts` of a batch of `rows` rows in lanes of `1 << laneShift`: those of its groups
  /// (``groups(ofPart:parts:groups:)``), the last part ending at the batch's last row.
  ///
  /// - Parameters:
  ///   - part: The part, in `0..<parts`.
  ///   - parts: The number of parts.
  ///   - rows: The rows of the whole batch.
  ///   - laneShift: The base-2 logarithm of the rows in a group.
  @inline(__always)
  static func rows(ofPart part: Int, parts: Int, rows: Int, laneShift: Int) -> Range<Int> {
    let partGroups = groups(ofPart: part, parts: parts, groups: LaneLayout.groups(rows: rows, shift: laneShift))
    return (partGroups.lowerBound &<< laneShift)..<min(rows, partGroups.upperBound &<< laneShift)
  }
}

extension FusedNetworkKernel {
  /// How many parts a batch of `rows` rows is cut into (``FusedBatchParts/count(rows:parameters:lanes:threads:)``).
  ///
  /// - Parameter rows: The rows in the batch.
  @inline(__always)
  func partCount(rows: Int) -> Int {
    FusedBatchParts.count(
      rows: rows, parameters: blueprint.parameterCount, lanes: 1 &<< laneShift, threads: BLAS.threadCount)
  }

  /// The step on a batch of `rows` rows cut into `parts` parts (``FusedBatchParts``): the parts shared by the team's
  /// threads or, when the team would not share them, the batch as on one thread with its loss taken by part (the same
  /// results); returns the loss.
  ///
  /// - Parameters:
  ///   - inputs: The features, of the kernel's element type.
  ///   - targets: The targets, of the kernel's element type.
  ///   - rows: The rows in the batch.
  ///   - rowIndices: `rows` indices into `inputs` and `targets` (each in range), or `nil` for rows `0..<rows`.
  ///   - parts: The number of parts: 2 (``FusedBatchParts/maximumParts``).
  ///   - shared: Whether the parts run in kernels of their own, shared by the team; `nil` asks the team whether it
  ///     would share them now (``/NNCore/ElementwisePass/sharesNow``).
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  ///   - updateRate: `η` of the store's update that follows, when nothing reads the gradients before it: the parts'
  ///     threads apply it as they finish, when they share the parts and the store can be updated in ranges
  ///     (``FusedPassUpdate``); `nil` for passes that leave the parameters as they are.
  func partPasses(
    inputs: Matrix, targets: Matrix, rows: Int, rowIndices: UnsafePointer<Int>?, parts: Int, shared: Bool? = nil,
    parameters: inout [[Matrix]], gradients: inout [[Matrix]], updateRate: Double? = nil
  ) -> Double {
    let kernel = Unmanaged.passUnretained(self)
    assert(parts == 2, "a chain joins two parts")
    guard shared ?? ElementwisePass.sharesNow else {
      load(inputs: inputs, targets: targets, start: 0, count: rows, rowIndices: rowIndices)
      return run(parameters: &parameters, gradients: &gradients) {
        kernel._withUnsafeGuaranteedRef { $0.passes(rows: rows, lossParts: parts) }
      }
    }
    if partKernel == nil {
      partKernel = FusedNetworkKernel(blueprint)
      gradientChains = FusedGradientChains(carryVectors: carryVectors)
    }
    return run(parameters: &parameters, gradients: &gradients) {
      kernel._withUnsafeGuaranteedRef {
        $0.sharedPasses(inputs: inputs, targets: targets, rows: rows, rowIndices: rowIndices, updateRate: updateRate)
      }
    }
  }

  /// The two parts of a batch, run with ``addresses`` filled: each part's rows loaded and passed through its kernel,
  /// on the team's threads, the second part's gradient entries the first's; with `updateRate`, the store's update
  /// applied by the parts' threads as they finish, when the store can be updated in ranges.
  private func sharedPasses(
    inputs: Matrix, targets: Matrix, rows: Int, rowIndices: UnsafePointer<Int>?, updateRate: Double?
  ) -> Double {
    partKernel.unsafelyUnwrapped.addresses.update(from: addresses, count: 2 &* slotCount)
    gradientChains.unsafelyUnwrapped.reset()
    let kernel = Unmanaged.passUnretained(self)
    var update: (store: Unmanaged<FlatParameterStore>, rate: Double)?
    if let updateRate, let store, store.updatesInRanges, let passUpdate {
      passUpdate.reset()
      update = (Unmanaged.passUnretained(store), updateRate)
    }
    ElementwisePass.forEachRange(
      count: 2, grain: 1,
      PartPass(kernel: kernel, inputs: inputs, targets: targets, rows: rows, rowIndices: rowIndices, update: update))
    if let update { update.store._withUnsafeGuaranteedRef { $0.updatedDuringPasses = true } }
    return partLosses[0] + partLosses[1]
  }
}

extension FusedBatchParts {
  /// The parameters one thread updates at a time after a step in `parts` parts whose threads did not apply the update
  /// themselves (``FusedPassUpdate``: gradients combined across processes or clipped first, or parts run on the
  /// caller alone): 8,192 when the batch was shared, else ``/NNCore/ElementwisePass/grain`` (only large stores
  /// shared).
  ///
  /// The digits network's 17,226 parameters take a few microseconds to update. Shared in ranges of 8,192, they made
  /// training at batch 256 on two threads faster, where each step is shared anyway (1.70 to 1.74 times one thread's
  /// speed in `float64`, 1.67 to 1.77 in `float32`), and at batch 32, where it is not, 11% slower than one thread:
  /// the update moves the parameters to the other core's cache, and the next forward pass back (AMD EPYC Zen 5,
  /// medians of 5 interleaved runs).
  ///
  /// - Parameter parts: The parts of the step's batch.
  static func updateGrain(parts: Int) -> Int { parts > 1 ? 1 << 13 : ElementwisePass.grain }
}

/// The parts of a batch in a range of parts: each part's rows loaded into its kernel's lanes and passed through it
/// (``FusedNetworkKernel/passes(part:rows:scaleRows:chains:update:)``), its loss kept, then its share of the store's
/// update applied, when asked for (``FusedPassUpdate``).
///
/// Part `p` holds the rows ``FusedBatchParts/rows(ofPart:parts:rows:laneShift:)`` gives: at least one group each,
/// since the batch has at least as many groups as parts. Which part a chunk of the task runs is decided by the thread
/// that claimed it (``FusedGradientChains/claimPart()``): the team's caller runs part 0 whenever it can.
private struct PartPass: ElementwisePassBody {
  /// The kernel of the whole batch (the first part's), which holds the other.
  let kernel: Unmanaged<FusedNetworkKernel>
  let inputs: Matrix
  let targets: Matrix
  /// The rows in the batch.
  let rows: Int
  /// The batch's row indices, or `nil` for rows `0..<rows`.
  let rowIndices: UnsafePointer<Int>?
  /// The store the parts' threads update as they finish, and `η`; `nil` when the passes leave the parameters as
  /// they are.
  let update: (store: Unmanaged<FlatParameterStore>, rate: Double)?

  func run(_ range: Range<Int>) {
    kernel._withUnsafeGuaranteedRef { whole in
      for _ in range {
        let part = whole.gradientChains.unsafelyUnwrapped.claimPart()
        let partRows = FusedBatchParts.rows(ofPart: part, parts: 2, rows: rows, laneShift: whole.laneShift)
        let kernel = part == 0 ? whole : whole.partKernel.unsafelyUnwrapped
        kernel.load(
          inputs: inputs, targets: targets, start: partRows.lowerBound, count: partRows.count, rowIndices: rowIndices)
        let passUpdate = update == nil ? nil : whole.passUpdate
        whole.partLosses[part] = kernel.passes(
          part: part, rows: partRows.count, scaleRows: rows, chains: whole.gradientChains.unsafelyUnwrapped,
          update: passUpdate)
        if let update, let passUpdate {
          update.store._withUnsafeGuaranteedRef { store in
            passUpdate.afterPart(part) { store.update(range: $0, learningRate: update.rate) }
          }
        }
      }
    }
  }
}
