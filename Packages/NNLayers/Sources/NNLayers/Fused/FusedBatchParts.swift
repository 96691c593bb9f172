@_spi(Internals) import NNCore

/// When and how the fused kernel shares a batch between threads.
///
/// With more than one thread asked for (``/NNCore/BLAS/setThreadCount(_:)``), a batch large enough to gain is cut
/// into parts of whole lane groups. Each part runs the whole step on its rows (loading them into lanes, the forward
/// passes, the loss, the backward passes) in a kernel of its own, the first in the kernel of the whole batch; the
/// parts are claimed by the caller and the team's helpers. The other parts write their parameter gradients into
/// buffers of their own, which are then added to the first part's in the order of the parts:
/// ```
/// ∂L/∂θ = ((g₀ + g₁) + g₂) + g₃        gₚ = Σ over part p's samples, each scaled by 1/N of the whole batch
/// L = ((L₀ + L₁) + L₂) + L₃
/// ```
/// The parts depend on the batch and the network alone, never on the number of threads beyond one, so two threads
/// and three give the same results. One thread runs the batch whole, as it always did.
///
/// When the team would run the parts one after the other on the caller (the other processors are taken by other
/// processes), the batch runs in the whole batch's kernel instead, with its loss and gradient sums kept apart by
/// part and added in the same order, to the same bits: one pass over the batch, with no second kernel to load and
/// run and no gradient buffer to add. Parts one after the other had cost digits (64-128-64-10, batch 256) 2.4% in
/// `float64` and 2.8% in `float32` against the whole batch (AMD EPYC Zen 5, medians of 7 interleaved runs); against
/// a busy loop on the other core, two threads ran digits at 0.982× one thread's speed that way and at 0.995× kept
/// apart (`float64`, 2,000 epochs, medians of 5 interleaved runs).
enum FusedBatchParts {
  /// The most parts a batch is cut into: 2.
  ///
  /// Each part past the first costs a gradient buffer to fill and add, and on two cores four parts ran no faster than
  /// two: digits (64-128-64-10) at batch 256 on two threads trained at 4.03 M samples/s in four parts and 4.16 M in
  /// two, in `float32` (one thread: 2.34 M; AMD EPYC Zen 5, medians of 5 interleaved runs).
  static let maximumParts = 2

  /// The fewest multiply-adds a part's forward pass takes (its rows times the network's parameters) for a batch to be
  /// cut: 2²⁰ (on the digits network, 64-128-64-10, parts of at least 42 rows).
  ///
  /// A batch in parts costs more on one thread than whole (two smaller passes, a second gradient buffer to add),
  /// and the parts are run one after the other whenever the other processor is taken by another process. Measured
  /// on digits in `float64`, parts run one after the other against the whole batch: batch 32 (parts of 16 rows)
  /// 12% slower, 64 rows 5%, 128 rows 1%, 256 rows no slower. On two free processors the parts gained 1.12× at batch
  /// 32, 1.22× at 64, 1.68× at 128 and 1.78× at 256 (AMD EPYC Zen 5, medians of 5 interleaved runs).
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
  /// batch's parts are run (kernels of their own, or kept apart in one) cuts it here, so that they give the same bits.
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
  /// threads, their gradients added into the gradient matrices, or, when the team would not share them, the whole
  /// batch in this kernel with the parts' sums kept apart (the same results); returns the loss.
  ///
  /// - Parameters:
  ///   - inputs: The features, of the kernel's element type.
  ///   - targets: The targets, of the kernel's element type.
  ///   - rows: The rows in the batch.
  ///   - rowIndices: `rows` indices into `inputs` and `targets` (each in range), or `nil` for rows `0..<rows`.
  ///   - parts: The number of parts, 2 to ``FusedBatchParts/maximumParts``.
  ///   - shared: Whether the parts run in kernels of their own, shared by the team; `nil` asks the team whether it
  ///     would share them now (``/NNCore/ElementwisePass/sharesNow``).
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  func partPasses(
    inputs: Matrix, targets: Matrix, rows: Int, rowIndices: UnsafePointer<Int>?, parts: Int, shared: Bool? = nil,
    parameters: inout [[Matrix]], gradients: inout [[Matrix]]
  ) -> Double {
    let kernel = Unmanaged.passUnretained(self)
    guard shared ?? ElementwisePass.sharesNow else {
      load(inputs: inputs, targets: targets, start: 0, count: rows, rowIndices: rowIndices)
      return run(parameters: &parameters, gradients: &gradients) {
        kernel._withUnsafeGuaranteedRef { $0.keptApartPasses(rows: rows, parts: parts) }
      }
    }
    while partKernels.count < parts - 1 { partKernels.append(makePartKernel()) }
    return run(parameters: &parameters, gradients: &gradients) {
      kernel._withUnsafeGuaranteedRef {
        $0.sharedPasses(inputs: inputs, targets: targets, rows: rows, rowIndices: rowIndices, parts: parts)
      }
    }
  }

  /// A kernel for one of the other parts of a batch: made from the same plan, with its gradient address entries
  /// pointing into a buffer of its own.
  private func makePartKernel() -> FusedNetworkKernel {
    let part = FusedNetworkKernel(blueprint)
    let bytes = elementType.bytesPerElement
    let gradients = UnsafeMutableRawPointer.allocate(
      byteCount: max(1, blueprint.parameterCount) &* bytes, alignment: 64)
    var offset = 0
    for slot in 0..<slotCount {
      part.addresses[slotCount &+ slot] = gradients + offset &* bytes
      offset &+= blueprint.slotSizes[slot]
    }
    part.partGradients = gradients
    return part
  }

  /// The parts of a batch, run with ``addresses`` filled: each part's rows loaded and passed through its kernel, on
  /// the team's threads, then the other parts' gradients added to the first's in order.
  private func sharedPasses(
    inputs: Matrix, targets: Matrix, rows: Int, rowIndices: UnsafePointer<Int>?, parts: Int
  ) -> Double {
    for part in 1..<parts { partKernels[part &- 1].addresses.update(from: addresses, count: slotCount) }
    let kernel = Unmanaged.passUnretained(self)
    ElementwisePass.forEachRange(
      count: parts, grain: 1,
      PartPass(kernel: kernel, inputs: inputs, targets: targets, rows: rows, rowIndices: rowIndices, parts: parts))
    ElementwisePass.forEachRange(
      count: blueprint.parameterCount, grain: FusedBatchParts.additionGrain,
      GradientAddition(kernel: kernel, parts: parts))
    var loss = partLosses[0]
    for part in 1..<parts { loss += partLosses[part] }
    return loss
  }
}

extension FusedBatchParts {
  /// The gradient elements one thread adds at a time: 8,192.
  static let additionGrain = 1 << 13

  /// The parameters one thread updates at a time after a step in `parts` parts: 8,192 when the batch was shared,
  /// else ``/NNCore/ElementwisePass/grain`` (only large stores shared).
  ///
  /// The digits network's 25,418 parameters take a few microseconds to update. Shared in ranges of 8,192, they made
  /// training at batch 256 on two threads faster, where each step is shared anyway (1.70 to 1.74 times one thread's
  /// speed in `float64`, 1.67 to 1.77 in `float32`), and at batch 32, where it is not, 11% slower than one thread:
  /// the update moves the parameters to the other core's cache, and the next forward pass back (AMD EPYC Zen 5,
  /// medians of 5 interleaved runs).
  ///
  /// - Parameter parts: The parts of the step's batch.
  static func updateGrain(parts: Int) -> Int { parts > 1 ? 1 << 13 : ElementwisePass.grain }

  /// `destination[i] += source[i]` for `i` in `range`.
  ///
  /// - Parameters:
  ///   - source: The values to add.
  ///   - destination: The values added to.
  ///   - range: The indices.
  @inline(__always)
  static func add<Element: BinaryFloatingPoint>(
    _ source: UnsafePointer<Element>, to destination: UnsafeMutablePointer<Element>, range: Range<Int>
  ) {
    for index in range { destination[index] += source[index] }
  }
}

/// The parts of a batch in a range of parts: each part's rows loaded into its kernel's lanes and passed through it, its loss kept.
///
/// Part `p` holds the rows ``FusedBatchParts/rows(ofPart:parts:rows:laneShift:)`` gives: at least one group each,
/// since the batch has at least as many groups as parts.
private struct PartPass: ElementwisePassBody {
  /// The kernel of the whole batch (the first part's), which holds the others.
  let kernel: Unmanaged<FusedNetworkKernel>
  let inputs: Matrix
  let targets: Matrix
  /// The rows in the batch.
  let rows: Int
  /// The batch's row indices, or `nil` for rows `0..<rows`.
  let rowIndices: UnsafePointer<Int>?
  /// The number of parts.
  let parts: Int

  func run(_ range: Range<Int>) {
    kernel._withUnsafeGuaranteedRef { whole in
      for part in range {
        let partRows = FusedBatchParts.rows(ofPart: part, parts: parts, rows: rows, laneShift: whole.laneShift)
        let kernel = part == 0 ? whole : whole.partKernels[part &- 1]
        kernel.load(
          inputs: inputs, targets: targets, start: partRows.lowerBound, count: partRows.count, rowIndices: rowIndices)
        whole.partLosses[part] = kernel.passes(rows: partRows.count, scaleRows: rows)
      }
    }
  }
}

/// The gradients of parts `1..<parts` added to the first part's on a range of the parameters (counted over the slots
/// one after another): `g = ((g₀ + g₁) + g₂) + g₃` for each element.
private struct GradientAddition: ElementwisePassBody {
  /// The kernel of the whole batch.
  let kernel: Unmanaged<FusedNetworkKernel>
  /// The number of parts.
  let parts: Int

  func run(_ range: Range<Int>) {
    kernel._withUnsafeGuaranteedRef { whole in
      let slotCount = whole.slotCount
      var slotStart = 0
      for slot in 0..<slotCount {
        let slotEnd = slotStart &+ whole.blueprint.slotSizes[slot]
        defer { slotStart = slotEnd }
        let lower = max(range.lowerBound, slotStart)
        let upper = min(range.upperBound, slotEnd)
        guard lower < upper else { continue }
        let destination = whole.addresses[slotCount &+ slot]
        let indices = (lower &- slotStart)..<(upper &- slotStart)
        for part in 1..<parts {
          let source = UnsafeRawPointer(whole.partKernels[part &- 1].addresses[slotCount &+ slot])
          if whole.elementType == .float32 {
            FusedBatchParts.add(
              source.assumingMemoryBound(to: Float.self), to: destination.assumingMemoryBound(to: Float.self),
              range: indices)
          } else {
            FusedBatchParts.add(
              source.assumingMemoryBound(to: Double.self), to: destination.assumingMemoryBound(to: Double.self),
              range: indices)
          }
        }
      }
    }
  }
}
