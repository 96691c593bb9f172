@_spi(Internals) import NNCore

/// Forward and backward passes of a small dense network with samples in `SIMD8` lanes: the trainer's fast path.
///
/// A network qualifies when the layers the trainer runs (``Trainer/trainedLayerCount``) are only ``Dense``
/// layers and ``ActivationLayer``s of ``ElementwiseActivation``s, every width (input, hidden, output) is at
/// most ``maximumWidth``, and the loss is ``MeanSquaredError`` or ``SoftmaxCrossEntropy`` (see ``FusedLoss``).
///
/// The batch is transposed so that lane `l` of group `g` is sample `8g + l` (``LaneLayout``); every stage
/// (a dense layer with its activation, ``FusedDenseStage``) then runs a whole pass over the groups with
/// eight samples per instruction, weights broadcast from memory:
/// ```
/// forward:   z = x·W + b,  y = f(z)        per stage, all groups
/// loss:      L, ∂L/∂y                      lanes past the batch's end masked
/// backward:  δ = ∂L/∂y ⊙ f′(z, y),  ∂L/∂W = Σ xᵀδ,  ∂L/∂b = Σ δ,  ∂L/∂x = δ·Wᵀ
/// ```
/// The results equal the layer-by-layer path's up to rounding (sums are taken in another order).
///
/// Design notes, from measurements on the iris network (4-12-6-3, batch 64):
/// - A stage runs over all groups before the next stage starts, rather than one group running through every
///   stage: a batch's lane buffers fit in L1 either way (64 × 25 values × 3 buffers), and it costs one dynamic
///   call per stage and pass (6 a step) instead of one per group (48).
/// - Each step looks up the addresses of the parameter and gradient matrices once (one uniqueness check per
///   matrix) and runs the passes inside those accesses, so the stages work on raw pointers with no reference
///   counting or uniqueness checks inside the passes, and nothing is copied. On the digits network
///   (64-128-64-10, batch 32) copying 25,000 parameters in and their gradients out took 6% of a step, and the
///   copies pushed the step's data (parameters, gradients, momentum buffers) out of the core's L2 cache: without
///   them training went from 0.81 M to 0.96 M samples/s (one thread, medians of 7 interleaved runs).
/// - Layers of eight units or more sum their weight gradients over samples in rows of error terms, with no
///   reduction across lanes (``FusedDenseStage/sumsInRows(outputWidth:)``); narrower ones keep lane accumulators
///   over the whole batch, reduced once per weight.
/// - The inner loops run in C, compiled for each instruction set and chosen for the CPU when the kernel is made
///   (``KernelTable``), so that every build, however it was compiled, runs the CPU's widest vectors.
/// - Work buffers live in one allocation that grows to the largest batch seen and is then reused: a step
///   allocates nothing.
///
/// A `float32` network runs the float32 C kernels (``FusedFloatStage``): sixteen samples to a lane vector of the same
/// 64 bytes, so the buffers are laid out alike with half as many groups. It qualifies when every activation is one
/// the C kernels know (``FusedKernelActivation``); a batch of one runs the lane passes too (there is no `float32`
/// single-sample step).
///
/// Design notes for `float32`, from measurements (AMD EPYC Zen 5 with AVX-512, one thread; kernels timed alone in
/// lane buffers, training by `nn-bench` in medians of 11 to 21 runs interleaved with `float64`):
/// - Twice the lanes halve the multiply-adds, but not what is done once per value or once per sum. Profiled on iris
///   (4-12-6-3 sigmoid, batch 64), the first `float32` kernels trained at 1.15 times the `float64` speed: the logistic
///   function took 33% of a step and as long per sample as in `float64` (about 37 operations a vector against some
///   20, with a quotient each), the weight gradients of the narrow layers 18% (a sixteen-lane reduction per weight,
///   as many operations as its multiply-adds), and gathering the batch into lanes 14% (one load and one insertion
///   per value, so twice `float64`'s time per row for sixteen lanes).
/// - The logistic function now takes 2.2 ns a vector instead of 3.4 (a shorter tail polynomial, `2^n` built in the
///   range reduction's shift, one quotient with an exact power of two on top, to the same 2-ulp bound), the weight
///   gradients of a block of units are reduced sixteen sums at once by shuffles (iris: 155 to 94 ns a batch;
///   `float64` 175 ns), rows are gathered whole and transposed by shuffles (iris: 129 to 40 ns; `float64` 79 ns),
///   layers of at most four units run their dense and input-gradient passes four groups at a time (sphere: 33 to
///   25 ns and 24 to 20 ns), and the loss's sixteen lane sums are added in halves (a chain of sixteen dependent
///   additions took 4% of a sphere step).
/// - Training speed, `float32` against `float64` (medians of runs in quiet periods; the machine's two cores were
///   shared, and the ratio moved by a few hundredths from one series to the next): iris 1.15 times before, 1.59 to
///   1.65 after (`float32` from 71 to 97 M samples/s, `float64` unchanged at 61 M); sphere (3-3-2-1 sigmoid, batch
///   128) 1.09 to 1.13 before, 1.55 to 1.61 after (`float32` from 210 to 296 M, `float64` 187 M); digits
///   (64-128-64-10 ReLU, batch 32, 200 epochs) 1.80 before, 1.83 after (`float64` 1.16 M).
/// - Tried and left out: a Padé form of the logistic function (2.0 ns a vector, but 2.46 ulp), the activation
///   computed inside the dense pass as the sums leave the registers (slower: sixteen chains at once spilled
///   registers), inputs and targets gathered in one pass over the row indices, the processor's gather
///   instructions (both slower than two passes of whole-row loads), rows of three read in one load each (the gather
///   faster alone, iris training 3% slower), and no room after the matrices of a `float32` flat store (no
///   measurable change).
/// - Later, on an AMD EPYC Zen 4 (x86-64-v4; a sphere step of 0.7 µs in `float32`, 16% of it the gather): with AVX2
///   and AVX-512 a row of two or three floats is one masked load (which reads nothing past the row), two columns come
///   out of one shuffle, and whole groups read their rows straight from the batch's indices (copied first into an
///   array, the indices had been loaded as vectors and each address taken back out of one). Sphere's batch went
///   from 108 to 66 ns, iris's from 65 to 38 ns, and sphere trained in `float32` at 1.65 times the `float64` speed
///   instead of 1.56 (paired runs).
final class FusedNetworkKernel {
  /// The widest layer (inputs, units or outputs) the kernel takes: 128.
  ///
  /// With samples in lanes a product costs one fused multiply-add per weight and group of eight, with no call
  /// overhead, so the kernel runs near the core's multiply-add peak at every width; OpenBLAS only catches up when
  /// its blocked kernels have enough work. Measured here on one thread (relu network `4-w-w-3`, softmax
  /// cross-entropy, samples/s fused vs layer by layer): batch 64: w = 8: 26.7 M vs 9.2 M, 16: 14.6 M vs 6.3 M,
  /// 32: 5.8 M vs 3.3 M, 64: 1.71 M vs 1.31 M, 128: 0.47 M vs 0.42 M, 256: 0.118 M vs 0.118 M; batch 256:
  /// w = 128: 0.52 M vs 0.44 M, 256: 0.134 M vs 0.129 M. Past 128 the gain is gone, and OpenBLAS can use more
  /// threads (`--threads`), so wider networks go layer by layer.
  static let maximumWidth = 128

  /// What the kernel was made from, for making its part kernels alike (``FusedBatchParts``).
  let blueprint: FusedKernelBlueprint

  /// The network's element type: the C kernels' (``KernelTable/table`` or ``KernelTable/floatTable``) and the
  /// matrices'.
  let elementType: ElementType
  /// The base-2 logarithm of the samples in a lane vector: 3 for `float64`, 4 for `float32`.
  let laneShift: Int
  private let stages: [FusedStage]
  /// The stages again, unretained, for calls without reference counting (``stages`` keeps them alive).
  private let stageReferences: [Unmanaged<FusedStage>]
  private let loss: FusedLoss
  /// The C kernels every stage and the loss run.
  let kernels: KernelTable
  /// The step on one sample, vectorised over units, when every stage's activation is one the C kernels know.
  private let singleSample: FusedSingleSample?
  /// Whether a batch of one sample takes ``FusedSingleSample``.
  var hasSingleSamplePath: Bool { singleSample != nil }
  /// The last activation's derivative when the loss applies it (``FusedDerivativeHandOff``).
  private let lossDerivative: OutputDerivative?
  private let inputWidth: Int
  private let lossWidth: Int
  /// The parameter matrices, `slotCount` of them, in the order of their ``addresses`` entries.
  private let slotList: UnsafeMutablePointer<FusedParameterSlot>
  let slotCount: Int
  /// During a step, the address of each slot's parameter matrix (entries `0..<slotCount`), then of its
  /// gradient matrix (entries `slotCount..<2 · slotCount`); the stages hold pointers to the entries.
  let addresses: UnsafeMutablePointer<UnsafeMutableRawPointer>
  /// What ``addresses`` hold between steps: one value the kernel owns, never read.
  private let placeholder: UnsafeMutableRawPointer
  /// For each buffer region, the number of lane vectors it needs per group, cumulated: region `r` starts at
  /// `capacity · regionStarts[r]`. Regions: the inputs, the targets, the stages' scratch space, then per stage
  /// `z` (when it has a buffer of its own, ``FusedPreActivationPlace/own``), `y` and `∂L/∂y`.
  private let regionStarts: [Int]
  /// The first region of each stage.
  private let stageRegions: [Int]
  private let vectorsPerGroup: Int
  private var storage: UnsafeMutablePointer<LaneVector>
  private var capacity = 0
  /// Each stage's buffers for `capacity` groups, laid out when the storage grows; a step only sets their number of
  /// groups. (Working them out from ``regionStarts`` at every pass took 0.5% of an iris step.)
  private let stageLayouts: UnsafeMutablePointer<FusedStageBuffers>
  /// The parameters and gradients the passes work on, when the kernel keeps them (``adopt(_:)``); `nil` when each
  /// step lends the network's matrices.
  private(set) var store: FlatParameterStore?
  /// The kernel that runs the second part of a batch shared by two threads (``FusedBatchParts``), made when first
  /// needed.
  var partKernel: FusedNetworkKernel?
  /// Where the parts' parameter-gradient sums meet (``FusedGradientChains``), made with the part kernel.
  var gradientChains: FusedGradientChains?
  /// The update the threads of a batch's two parts apply as they finish (``FusedPassUpdate``), made when the kernel
  /// adopts a store whose runs its stages can share out.
  private(set) var passUpdate: FusedPassUpdate?
  /// Each part's loss, in the step being run.
  let partLosses: UnsafeMutablePointer<Double>

  /// The kernel for the first `trainedLayerCount` layers of `network` and `loss`, or `nil` when they do not qualify.
  ///
  /// - Parameters:
  ///   - network: The network.
  ///   - loss: The loss, applied to the output of layer `trainedLayerCount − 1`.
  ///   - trainedLayerCount: How many layers the trainer runs.
  ///   - kernels: The C kernels to run: by default the best this CPU runs, or those `NN_KERNELS` names.
  convenience init?(
    network: Sequential, loss: any Loss, trainedLayerCount: Int, kernels: KernelTable = .selected
  ) {
    guard
      let blueprint = FusedKernelBlueprint(
        network: network, loss: loss, trainedLayerCount: trainedLayerCount, kernels: kernels)
    else { return nil }
    self.init(blueprint)
  }

  /// A kernel made from `blueprint`: its stages, address entries and (empty) buffers.
  ///
  /// - Parameter blueprint: The stages' plan.
  init(_ blueprint: FusedKernelBlueprint) {
    self.blueprint = blueprint
    let (plan, slots, kernels, elementType) = (
      blueprint.plan, blueprint.slots, blueprint.kernels, blueprint.elementType
    )
    let widths = blueprint.widths
    let addresses = UnsafeMutablePointer<UnsafeMutableRawPointer>.allocate(capacity: max(1, 2 * slots.count))
    let placeholder = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
    addresses.initialize(repeating: placeholder, count: max(1, 2 * slots.count))
    var stages: [FusedStage] = []
    var singleSamplePlan:
      [(
        inputWidth: Int, outputWidth: Int, activation: (any ElementwiseActivation)?, handOff: FusedDerivativeHandOff,
        parameters: FusedDenseParameters?
      )] = []
    let handOffs = Self.derivativeHandOffs(plan.map { ($0.dense != nil, $0.activation) }, loss: blueprint.loss)
    for (position, (layer, dense, activation)) in plan.enumerated() {
      let width = widths[layer]
      if let dense {
        let first = slots.firstIndex { $0.layer == layer }!
        let parameters = FusedDenseParameters(
          weightsEntry: addresses + first, biasEntry: dense.bias ? UnsafePointer(addresses + first + 1) : nil,
          weightGradientEntry: addresses + slots.count + first,
          biasGradientEntry: dense.bias ? UnsafePointer(addresses + slots.count + first + 1) : nil)
        if elementType == .float32 {
          stages.append(
            FusedFloatStage(
              dense: activation.flatMap(FusedKernelActivation.init) ?? FusedKernelActivation(Identity())!,
              inputWidth: width, outputWidth: dense.units, parameters: parameters,
              derivativeHandOff: handOffs.stages[position], kernels: kernels))
        } else {
          stages.append(
            FusedStageFactory.denseStage(
              activation: activation, inputWidth: width, outputWidth: dense.units, parameters: parameters,
              derivativeHandOff: handOffs.stages[position], kernels: kernels))
        }
        singleSamplePlan.append((width, dense.units, activation, handOffs.stages[position], parameters))
      } else if let activation {
        if elementType == .float32 {
          stages.append(FusedFloatStage(alone: FusedKernelActivation(activation)!, width: width, kernels: kernels))
        } else {
          stages.append(FusedStageFactory.activationStage(activation, width: width, kernels: kernels))
        }
        singleSamplePlan.append((width, width, activation, handOffs.stages[position], nil))
      }
    }
    let scratchWidth = stages.map(\.scratchWidth).max() ?? 0
    let lossWidth = widths[blueprint.trainedLayerCount]
    var starts = [0, widths[0], widths[0] + lossWidth]
    var firstRegions: [Int] = []
    var total = starts[2] + scratchWidth
    for stage in stages {
      firstRegions.append(starts.count)
      for _ in 0..<(stage.preActivationPlace == .own ? 3 : 2) {
        starts.append(total)
        total += stage.outputWidth
      }
    }
    self.elementType = elementType
    laneShift = elementType == .float64 ? 3 : 4
    self.stages = stages
    self.lossDerivative = handOffs.loss
    self.stageReferences = stages.map { Unmanaged.passUnretained($0) }
    self.loss = blueprint.loss
    self.kernels = kernels
    singleSample =
      elementType == .float64
      ? FusedSingleSample(stages: singleSamplePlan, loss: blueprint.loss, lossDerivative: handOffs.loss) : nil
    self.inputWidth = widths[0]
    self.lossWidth = lossWidth
    slotList = UnsafeMutablePointer<FusedParameterSlot>.allocate(capacity: max(1, slots.count))
    slotList.initialize(from: slots, count: slots.count)
    slotCount = slots.count
    self.addresses = addresses
    self.placeholder = placeholder
    regionStarts = starts
    stageRegions = firstRegions
    vectorsPerGroup = total
    storage = Self.allocateLanes(0)
    let empty = FusedStageBuffers(
      input: storage, preActivation: storage, output: storage, outputGradient: storage, inputGradient: nil,
      scratch: storage, groups: 0)
    stageLayouts = UnsafeMutablePointer<FusedStageBuffers>.allocate(capacity: max(1, stages.count))
    stageLayouts.initialize(repeating: empty, count: max(1, stages.count))
    partLosses = .allocate(capacity: FusedBatchParts.maximumParts)
    partLosses.initialize(repeating: 0, count: FusedBatchParts.maximumParts)
  }

  /// Makes the passes work on `store`'s parameters and gradients from now on, through fixed addresses, instead of on
  /// matrices lent at each step.
  ///
  /// - Parameter store: The network's parameters, gradients and optimizer slots.
  func adopt(_ store: FlatParameterStore) {
    var offsets: [Int: Int] = [:]
    for entry in store.entries { offsets[entry.layer << 32 | entry.index] = entry.offset }
    for slot in 0..<slotCount {
      let offset = offsets[slotList[slot].layer << 32 | slotList[slot].index]!
      addresses[slot] = store.parameterBytes + offset &* elementType.bytesPerElement
      addresses[slotCount + slot] = store.gradientBytes + offset &* elementType.bytesPerElement
    }
    self.store = store
    let stageLayers = blueprint.plan.map { $0.dense == nil ? nil : $0.layer }
    passUpdate = FusedPassUpdate.pieces(stageLayers: stageLayers, store: store).map(FusedPassUpdate.init)
    singleSample?.allowReaching(past: FlatParameterStore.slack)
  }

  /// Who applies each dense stage's activation derivative (``OutputDerivative``): the next dense stage as it writes
  /// its input gradient, or the loss for the last stage, when the derivative is a function of the output and the
  /// writer can apply it; an identity's derivative is skipped. Stages next to a lone activation stage keep theirs.
  ///
  /// - Parameters:
  ///   - plan: For each stage, whether it is a dense stage and its activation (`nil`: none).
  ///   - loss: The loss.
  /// - Returns: Each stage's hand-off (lone activation stages get the default, unused) and the derivative the loss
  ///   applies, if any.
  static func derivativeHandOffs(
    _ plan: [(isDense: Bool, activation: (any ElementwiseActivation)?)], loss: FusedLoss
  ) -> (stages: [FusedDerivativeHandOff], loss: OutputDerivative?) {
    var handOffs = [FusedDerivativeHandOff](repeating: FusedDerivativeHandOff(), count: plan.count)
    var lossDerivative: OutputDerivative?
    for (position, stage) in plan.enumerated() where stage.isDense {
      guard let activation = stage.activation, !(activation is Identity) else {
        handOffs[position].upstreamIncludesDerivative = true
        continue
      }
      guard let derivative = OutputDerivative(activation) else { continue }
      if position + 1 < plan.count {
        if plan[position + 1].isDense {
          handOffs[position].upstreamIncludesDerivative = true
          handOffs[position + 1].inputDerivative = derivative
        }
      } else if loss.takesOutputDerivative {
        handOffs[position].upstreamIncludesDerivative = true
        lossDerivative = derivative
      }
    }
    return (handOffs, lossDerivative)
  }

  deinit {
    storage.deallocate()
    stageLayouts.deallocate()
    slotList.deallocate()
    addresses.deallocate()
    placeholder.deallocate()
    partLosses.deallocate()
  }

  /// Fills `gradients` with `∂L/∂θ` for the batch `inputs`, `targets` and returns `L`.
  ///
  /// - Parameters:
  ///   - inputs: `N ≥ 1` rows of the network's input width.
  ///   - targets: `N` rows of the loss width.
  ///   - parameters: The network's parameters, by layer (only read; `inout` lets the kernel reach the elements
  ///     in place, without reference counting).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  ///   - updateRate: `η` of the store's update that follows, when nothing reads the gradients before it: the passes
  ///     may apply it (``FlatParameterStore/updatedDuringPasses``); `nil` for passes that leave the parameters as
  ///     they are.
  func computeGradients(
    inputs: Matrix, targets: Matrix, parameters: inout [[Matrix]], gradients: inout [[Matrix]],
    updateRate: Double? = nil
  ) -> Double {
    let rows = inputs.rows
    if rows == 1, singleSample != nil {
      return singleSamplePasses(
        row: 0, inputs: inputs, targets: targets, parameters: &parameters, gradients: &gradients)
    }
    return batchPasses(
      inputs: inputs, targets: targets, rows: rows, rowIndices: nil, parameters: &parameters, gradients: &gradients,
      updateRate: updateRate)
  }

  /// Like ``computeGradients(inputs:targets:parameters:gradients:updateRate:)`` on the batch made of rows `rows` of
  /// `inputs` and `targets`, gathered straight into lanes.
  ///
  /// - Parameters:
  ///   - rows: `N ≥ 1` row indices, each in range (checked by the caller).
  ///   - inputs: The whole data set's features.
  ///   - targets: The whole data set's targets.
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  ///   - updateRate: `η` of the store's update that follows, when nothing reads the gradients before it, or `nil`
  ///     (``computeGradients(inputs:targets:parameters:gradients:updateRate:)``).
  func computeGradients(
    rows: UnsafeBufferPointer<Int>, inputs: Matrix, targets: Matrix, parameters: inout [[Matrix]],
    gradients: inout [[Matrix]], updateRate: Double? = nil
  ) -> Double {
    if rows.count == 1, singleSample != nil {
      return singleSamplePasses(
        row: rows[0], inputs: inputs, targets: targets, parameters: &parameters, gradients: &gradients)
    }
    return batchPasses(
      inputs: inputs, targets: targets, rows: rows.count, rowIndices: rows.baseAddress, parameters: &parameters,
      gradients: &gradients, updateRate: updateRate)
  }

  /// The step on a batch of more than one row (or of one without a single-sample step): whole, or in parts shared by
  /// threads (``FusedBatchParts``), which also sets how the store's update is shared; returns the loss.
  ///
  /// - Parameters:
  ///   - inputs: The features, of the kernel's element type.
  ///   - targets: The targets, of the kernel's element type.
  ///   - rows: The rows in the batch.
  ///   - rowIndices: `rows` indices into `inputs` and `targets` (each in range), or `nil` for rows `0..<rows`.
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  ///   - updateRate: `η` of the store's update that follows, when the passes may apply it, or `nil`.
  private func batchPasses(
    inputs: Matrix, targets: Matrix, rows: Int, rowIndices: UnsafePointer<Int>?, parameters: inout [[Matrix]],
    gradients: inout [[Matrix]], updateRate: Double?
  ) -> Double {
    let parts = partCount(rows: rows)
    store?.updateGrain = FusedBatchParts.updateGrain(parts: parts)
    if parts > 1 {
      return partPasses(
        inputs: inputs, targets: targets, rows: rows, rowIndices: rowIndices, parts: parts, parameters: &parameters,
        gradients: &gradients, updateRate: updateRate)
    }
    load(inputs: inputs, targets: targets, start: 0, count: rows, rowIndices: rowIndices)
    return run(rows: rows, parameters: &parameters, gradients: &gradients)
  }

  /// Puts `count` rows of the batch into the input and target regions, in lanes (of eight `float64` or sixteen
  /// `float32` samples), growing the buffers when needed: rows `start..<start + count` of `inputs` and `targets`, or
  /// the rows `rowIndices[start..<start + count]` lists.
  ///
  /// - Parameters:
  ///   - inputs: The features, of the kernel's element type.
  ///   - targets: The targets, of the kernel's element type.
  ///   - start: The first row (or the first of the indices) to load.
  ///   - count: The number of rows, at least 1.
  ///   - rowIndices: Indices into `inputs` and `targets` (each in range), or `nil` for consecutive rows.
  func load(inputs: Matrix, targets: Matrix, start: Int, count: Int, rowIndices: UnsafePointer<Int>?) {
    reserve(groups: LaneLayout.groups(rows: count, shift: laneShift))
    let indices = rowIndices.map { $0 + start }
    // Consecutive rows are read from the part's first row on; indices point into the whole data set.
    let first = indices == nil ? start : 0
    let kernels = kernels
    if elementType == .float32 {
      inputs.withUnsafeBufferPointer(as: Float.self) {
        LaneLayout.loadFloat(
          Self.rows($0, from: first, width: inputWidth), rows: count, width: inputWidth, rowIndices: indices,
          into: region(0), kernels: kernels)
      }
      targets.withUnsafeBufferPointer(as: Float.self) {
        LaneLayout.loadFloat(
          Self.rows($0, from: first, width: lossWidth), rows: count, width: lossWidth, rowIndices: indices,
          into: region(1), kernels: kernels)
      }
    } else {
      inputs.withUnsafeBufferPointer {
        LaneLayout.load(
          Self.rows($0, from: first, width: inputWidth), rows: count, width: inputWidth, rowIndices: indices,
          into: region(0), kernels: kernels)
      }
      targets.withUnsafeBufferPointer {
        LaneLayout.load(
          Self.rows($0, from: first, width: lossWidth), rows: count, width: lossWidth, rowIndices: indices,
          into: region(1), kernels: kernels)
      }
    }
  }

  /// The rows of `values` (rows of `width`) from row `first` on.
  @inline(__always)
  private static func rows<Element>(_ values: UnsafeBufferPointer<Element>, from first: Int, width: Int)
    -> UnsafeBufferPointer<Element>
  {
    UnsafeBufferPointer(start: values.baseAddress! + first &* width, count: values.count &- first &* width)
  }

  /// The step on row `row` of `inputs` and `targets` alone, through ``FusedSingleSample`` (which must exist).
  ///
  /// The single-sample object is reached unretained (the kernel holds it): a retain–release pair per step cost 5%
  /// of an online iris step.
  ///
  /// - Parameters:
  ///   - row: The row, in range.
  ///   - inputs: The features.
  ///   - targets: The targets.
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  private func singleSamplePasses(
    row: Int, inputs: Matrix, targets: Matrix, parameters: inout [[Matrix]], gradients: inout [[Matrix]]
  ) -> Double {
    let single = Unmanaged.passUnretained(singleSample.unsafelyUnwrapped)
    let kernels = self.kernels
    let inputWidth = self.inputWidth
    let lossWidth = self.lossWidth
    return inputs.withUnsafeBufferPointer { inputValues in
      targets.withUnsafeBufferPointer { targetValues in
        let input = inputValues.baseAddress.unsafelyUnwrapped + row &* inputWidth
        let target = targetValues.baseAddress.unsafelyUnwrapped + row &* lossWidth
        return run(parameters: &parameters, gradients: &gradients) {
          single._withUnsafeGuaranteedRef {
            $0.passes(input: input, target: target, width: lossWidth, kernels: kernels)
          }
        }
      }
    }
  }

  @inline(__always)
  private func region(_ index: Int) -> UnsafeMutablePointer<LaneVector> {
    storage + capacity &* regionStarts[index]
  }

  private func reserve(groups: Int) {
    guard groups > capacity else { return }
    storage.deallocate()
    storage = Self.allocateLanes(groups * vectorsPerGroup)
    storage.initialize(repeating: .zero, count: groups * vectorsPerGroup)
    capacity = groups
    for index in stageReferences.indices { stageLayouts[index] = buffers(stage: index, groups: groups) }
  }

  /// Uninitialised room for `count` lane vectors at an address aligned to a cache line (64 bytes), so that no
  /// vector straddles two lines (Swift aligns `SIMD8<Double>` to 16 bytes only).
  ///
  /// - Parameter count: The number of lane vectors.
  private static func allocateLanes(_ count: Int) -> UnsafeMutablePointer<LaneVector> {
    UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<LaneVector>.stride, alignment: 64)
      .bindMemory(to: LaneVector.self, capacity: max(count, 1))
  }

  /// The buffers of stage `index` for `groups` groups; regions are laid out as in ``regionStarts``.
  @inline(__always)
  private func buffers(stage index: Int, groups: Int) -> FusedStageBuffers {
    var next = stageRegions[index]
    let input = index == 0 ? region(0) : region(next - 2)
    let inputGradient = index == 0 ? nil : region(next - 1)
    var preActivation = input
    switch stageReferences[index]._withUnsafeGuaranteedRef({ $0.preActivationPlace }) {
    case .input: break
    case .own:
      preActivation = region(next)
      next += 1
    case .output: preActivation = region(next)
    }
    return FusedStageBuffers(
      input: input, preActivation: preActivation, output: region(next), outputGradient: region(next + 1),
      inputGradient: inputGradient, scratch: region(2), groups: groups)
  }

  /// The passes of a batch of `rows` rows already in lanes, run with ``addresses`` filled.
  ///
  /// The recursion that opens the matrices (``AddressTable``) works on plain pointers, and the passes reach the
  /// kernel unretained (the caller holds it): the step had two retain–release pairs of the kernel here, of the six
  /// that took 4.2% of an iris step.
  ///
  /// - Parameters:
  ///   - rows: The number of rows in the batch.
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  private func run(rows: Int, parameters: inout [[Matrix]], gradients: inout [[Matrix]]) -> Double {
    let kernel = Unmanaged.passUnretained(self)
    return run(parameters: &parameters, gradients: &gradients) {
      kernel._withUnsafeGuaranteedRef { $0.passes(rows: rows, scaleRows: rows) }
    }
  }

  /// Runs `body` with ``addresses`` filled with the addresses of the parameter and gradient matrices, or at once
  /// when the kernel keeps them (``store``; `parameters` and `gradients` are then not read).
  ///
  /// - Parameters:
  ///   - parameters: The network's parameters, by layer (only read).
  ///   - gradients: Receive the gradients, shaped like `parameters`.
  ///   - body: The passes; returns the loss.
  func run(parameters: inout [[Matrix]], gradients: inout [[Matrix]], _ body: () -> Double) -> Double {
    if store != nil { return body() }
    let table = AddressTable(
      slots: UnsafeBufferPointer(start: slotList, count: slotCount), entries: addresses,
      isFloat: elementType == .float32)
    return parameters.withUnsafeMutableBufferPointer { parameterLayers in
      gradients.withUnsafeMutableBufferPointer { gradientLayers in
        table.withAddresses(from: 0, parameterLayers, gradientLayers, body)
      }
    }
  }

  /// The forward passes and the loss (writing `∂L/∂y` for the backward passes) of a batch of `rows` rows already in
  /// lanes, with ``addresses`` filled; returns the loss.
  ///
  /// - Parameters:
  ///   - rows: The number of rows in the lanes.
  ///   - scaleRows: The number of rows a mean reduction divides by: `rows`, or the whole batch's when the lanes
  ///     hold a part of it (``partPasses(inputs:targets:rows:rowIndices:parts:shared:parameters:gradients:)``).
  private func forwardPasses(rows: Int, scaleRows: Int) -> Double {
    forwardStages(groups: LaneLayout.groups(rows: rows, shift: laneShift))
    return loss(firstGroup: 0, rows: rows, scaleRows: scaleRows)
  }

  /// The forward passes of every stage over `groups` groups of lanes.
  ///
  /// - Parameter groups: The groups in the lanes.
  @inline(__always)
  private func forwardStages(groups: Int) {
    for index in stageReferences.indices {
      var stageBuffers = stageLayouts[index]
      stageBuffers.groups = groups
      stageReferences[index]._withUnsafeGuaranteedRef { $0.forward(stageBuffers) }
    }
  }

  /// The loss of `rows` rows in lanes from group `firstGroup` on, writing their `∂L/∂y`.
  ///
  /// - Parameters:
  ///   - firstGroup: The group of the first row.
  ///   - rows: The number of rows.
  ///   - scaleRows: The number of rows a mean reduction divides by.
  @inline(__always)
  private func loss(firstGroup: Int, rows: Int, scaleRows: Int) -> Double {
    let (last, offset) = (regionStarts.count, firstGroup &* lossWidth)
    let (predictions, targets, gradient) = (region(last - 2) + offset, region(1) + offset, region(last - 1) + offset)
    if elementType == .float32 {
      return loss.evaluateFloat(
        predictions: predictions, targets: targets, gradient: gradient, width: lossWidth, rows: rows,
        scaleRows: scaleRows, outputDerivative: lossDerivative, kernels: kernels)
    }
    return loss.evaluate(
      predictions: predictions, targets: targets, gradient: gradient, width: lossWidth, rows: rows,
      scaleRows: scaleRows, outputDerivative: lossDerivative, kernels: kernels)
  }

  /// The backward passes of every stage over `groups` groups of lanes, last stage first.
  ///
  /// - Parameter groups: The groups in the lanes.
  @inline(__always)
  private func backwardStages(groups: Int) {
    lastStageFirst(groups: groups) { stage, buffers, _ in stage.backward(buffers) }
  }

  /// Calls `body` on every stage, last stage first, with its buffers for `groups` groups and its index.
  ///
  /// - Parameters:
  ///   - groups: The groups in the lanes.
  ///   - body: The work on one stage.
  @inline(__always)
  private func lastStageFirst(groups: Int, _ body: (FusedStage, FusedStageBuffers, Int) -> Void) {
    // A countdown rather than `indices.reversed()`, whose iterator, unspecialised in a debug build, allocated at
    // every stage.
    var index = stageReferences.count
    while index > 0 {
      index &-= 1
      var stageBuffers = stageLayouts[index]
      stageBuffers.groups = groups
      stageReferences[index]._withUnsafeGuaranteedRef { body($0, stageBuffers, index) }
    }
  }

  /// The forward passes, the loss and the backward passes of a batch of `rows` rows already in lanes, with
  /// ``addresses`` filled; returns the loss.
  ///
  /// - Parameters:
  ///   - rows: The number of rows in the lanes.
  ///   - scaleRows: The number of rows a mean reduction divides by (`rows`, or the whole batch's for a part).
  func passes(rows: Int, scaleRows: Int) -> Double {
    let value = forwardPasses(rows: rows, scaleRows: scaleRows)
    backwardStages(groups: LaneLayout.groups(rows: rows, shift: laneShift))
    return value
  }

  /// The passes of a whole batch of `rows` rows already in lanes, with ``addresses`` filled, its loss taken by part
  /// over `parts` parts and added in the parts' order, as a batch run in parts by threads takes it: `L = L₀ + L₁`, to
  /// the same bits; returns the loss. The gradients are those of ``passes(rows:scaleRows:)``, which the parts give too.
  ///
  /// - Parameters:
  ///   - rows: The number of rows in the lanes.
  ///   - parts: The number of parts, 2 to ``FusedBatchParts/maximumParts``.
  func passes(rows: Int, lossParts parts: Int) -> Double {
    let groups = LaneLayout.groups(rows: rows, shift: laneShift)
    forwardStages(groups: groups)
    var total = 0.0
    for part in 0..<parts {
      let partRows = FusedBatchParts.rows(ofPart: part, parts: parts, rows: rows, laneShift: laneShift)
      let value = loss(firstGroup: partRows.lowerBound &>> laneShift, rows: partRows.count, scaleRows: rows)
      total = part == 0 ? value : total + value
    }
    backwardStages(groups: groups)
    return total
  }

  /// The passes of part `part` (0 or 1) of a batch run in two parts by two threads, its `rows` rows already in this
  /// kernel's lanes and ``addresses`` filled (the gradient entries the whole batch's); returns the part's loss.
  ///
  /// Part 0 runs each stage's parameter-gradient sums as soon as the stage's `δ` is known, left unfinished in
  /// `chains`; part 1 runs every stage's backward pass first, then carries each stage's sums on over its samples
  /// (``FusedGradientChain``). Part 1 then finds part 0's sums done for every stage but the first (whose `δ` comes
  /// last to both), which the two run block by block. With part 0 running its sums after the input gradients as part
  /// 1 does, the two ran the last two stages block by block, waiting on each other at every block: digits
  /// (64-128-64-10, batch 256, `float32`) trained at 1.818 M samples/s on two threads, against 1.931 M when the parts'
  /// gradients were added (AMD EPYC Zen 4, medians of 11 interleaved runs); in this order, at 1.917 M against 1.912 M.
  ///
  /// - Parameters:
  ///   - part: 0 or 1.
  ///   - rows: The part's rows.
  ///   - scaleRows: The rows of the whole batch, which a mean reduction divides by.
  ///   - chains: Where the parts' sums meet.
  ///   - update: The update the parts apply as they finish, told of each stage's finished sums by part 1; `nil`
  ///     when the passes leave the parameters as they are.
  func passes(part: Int, rows: Int, scaleRows: Int, chains: FusedGradientChains, update: FusedPassUpdate?) -> Double {
    let value = forwardPasses(rows: rows, scaleRows: scaleRows)
    let groups = LaneLayout.groups(rows: rows, shift: laneShift)
    lastStageFirst(groups: groups) { stage, buffers, index in
      stage.backward(buffers, part: part, chain: chains.chains[index])
    }
    guard part != 0 else { return value }
    lastStageFirst(groups: groups) { stage, buffers, index in
      stage.parameterGradients(buffers, part: part, chain: chains.chains[index])
      update?.finishedSums(ofStage: index)
    }
    return value
  }

  /// Each stage's carry buffer size in lane vectors, for its ``FusedGradientChain``.
  var carryVectors: [Int] { stages.map(\.carryVectors) }
}

extension FusedNetworkKernel {
  /// The most rows ``evaluate(inputs:targets:parameters:)`` puts in lanes at once: 256 rows take about 0.8 MB of
  /// lanes per stage of the widest kind (three buffers of 128 values a row), however large the data set.
  static let evaluationRows = 256

  /// The outputs of the kernel's layers for every row of `inputs`, and the loss `L` against `targets`: the
  /// forward passes alone, in chunks of at most ``evaluationRows`` rows (a chunk's loss is weighted by its rows
  /// under a mean reduction).
  ///
  /// For a kernel of its own (made for this evaluation): the kernel's buffers and address entries are used.
  ///
  /// - Parameters:
  ///   - inputs: `N ≥ 1` rows of the network's input width.
  ///   - targets: `N` rows of the loss width.
  ///   - parameters: The network's parameters, by layer (copied into one buffer for the call).
  /// - Returns: `L` over the `N` rows, and the `N` rows of outputs.
  func evaluate(inputs: Matrix, targets: Matrix, parameters: [[Matrix]]) -> (loss: Double, outputs: Matrix) {
    let kernels = kernels
    switch elementType {
    case .float64:
      return evaluate(
        inputs, targets, parameters, as: Double.self,
        load: { LaneLayout.load($0, rows: $1, width: $2, into: $3, kernels: kernels) },
        unload: { LaneLayout.unload($0, rows: $1, width: $2, into: $3) })
    case .float32:
      return evaluate(
        inputs, targets, parameters, as: Float.self,
        load: { LaneLayout.loadFloat($0, rows: $1, width: $2, rowIndices: nil, into: $3, kernels: kernels) },
        unload: { LaneLayout.unloadFloat($0, rows: $1, width: $2, into: $3) })
    }
  }

  /// ``evaluate(inputs:targets:parameters:)`` in the kernel's element type: the batch converted to it (when it is
  /// not), the parameters copied into one buffer, the forward passes in lanes.
  ///
  /// - Parameters:
  ///   - inputs: `N ≥ 1` rows of the network's input width.
  ///   - targets: `N` rows of the loss width.
  ///   - parameters: The network's parameters, by layer, of the kernel's element type.
  ///   - type: `Double.self` or `Float.self`, the kernel's element type.
  ///   - load: Puts `rows` rows of `width` values into lanes.
  ///   - unload: Takes `rows` rows of `width` values out of lanes.
  /// - Returns: `L` over the `N` rows, and the `N` rows of outputs.
  private func evaluate<Element: MatrixElement>(
    _ inputs: Matrix, _ targets: Matrix, _ parameters: [[Matrix]], as type: Element.Type,
    load: (UnsafeBufferPointer<Element>, Int, Int, UnsafeMutablePointer<LaneVector>) -> Void,
    unload: (UnsafePointer<LaneVector>, Int, Int, UnsafeMutablePointer<Element>) -> Void
  ) -> (loss: Double, outputs: Matrix) {
    let rows = inputs.rows
    let inputs = inputs.converted(to: Element.elementType)
    let targets = targets.converted(to: Element.elementType)
    var outputs = Matrix(rows: rows, columns: lossWidth, elementType: Element.elementType)
    let slots = UnsafeBufferPointer(start: slotList, count: slotCount)
    let values = UnsafeMutablePointer<Element>.allocate(
      capacity: max(1, slots.reduce(0) { $0 + parameters[$1.layer][$1.index].count }))
    defer {
      values.deallocate()
      for slot in slots.indices { addresses[slot] = placeholder }
    }
    var offset = 0
    for (position, slot) in slots.enumerated() {
      addresses[position] = UnsafeMutableRawPointer(values + offset)
      parameters[slot.layer][slot.index].withUnsafeBufferPointer(as: Element.self) { matrix in
        if let base = matrix.baseAddress { (values + offset).initialize(from: base, count: matrix.count) }
        offset += matrix.count
      }
    }
    var total = 0.0
    inputs.withUnsafeBufferPointer(as: Element.self) { inputValues in
      targets.withUnsafeBufferPointer(as: Element.self) { targetValues in
        outputs.withUnsafeMutableBufferPointer(as: Element.self) { outputValues in
          var start = 0
          while start < rows {
            let count = min(Self.evaluationRows, rows - start)
            reserve(groups: LaneLayout.groups(rows: count, shift: laneShift))
            load(
              UnsafeBufferPointer(rebasing: inputValues[(start * inputWidth)..<((start + count) * inputWidth)]),
              count, inputWidth, region(0))
            load(
              UnsafeBufferPointer(rebasing: targetValues[(start * lossWidth)..<((start + count) * lossWidth)]),
              count, lossWidth, region(1))
            let value = forwardPasses(rows: count, scaleRows: count)
            total += loss.isMean ? value * Double(count) : value
            unload(region(regionStarts.count - 2), count, lossWidth, outputValues.baseAddress! + start * lossWidth)
            start += count
          }
        }
      }
    }
    return (loss.isMean ? total / Double(rows) : total, outputs)
  }
}

/// Where the fused kernel's stages find the parameter and gradient matrices during a step: fills the kernel's
/// address entries while the matrices are open in place.
///
/// A value of plain pointers, so that the nested accesses below involve no reference counting (as methods of the
/// kernel, they retained and released it).
private struct AddressTable {
  /// The parameter matrices, in the order of their entries.
  let slots: UnsafeBufferPointer<FusedParameterSlot>
  /// The address of each slot's parameter matrix (entries `0..<slots.count`), then of its gradient matrix
  /// (entries `slots.count..<2 · slots.count`).
  let entries: UnsafeMutablePointer<UnsafeMutableRawPointer>
  /// Whether the matrices are `float32` (else `float64`).
  let isFloat: Bool

  /// Runs `body` with ``entries`` filled from slot `slot` on (earlier slots are filled by the caller): opens
  /// the matrices of one layer, then recurses to the next layer inside those accesses.
  ///
  /// - Parameters:
  ///   - slot: The first slot of a layer, or `slots.count` to run `body`.
  ///   - parameterLayers: The network's parameters, by layer.
  ///   - gradientLayers: The gradients, by layer.
  ///   - body: The work done while every address is valid.
  func withAddresses(
    from slot: Int, _ parameterLayers: UnsafeMutableBufferPointer<[Matrix]>,
    _ gradientLayers: UnsafeMutableBufferPointer<[Matrix]>, _ body: () -> Double
  ) -> Double {
    guard slot < slots.count else { return body() }
    let layer = slots[slot].layer
    var end = slot + 1
    while end < slots.count && slots[end].layer == layer { end += 1 }
    return parameterLayers[layer].withUnsafeMutableBufferPointer { parameterMatrices in
      gradientLayers[layer].withUnsafeMutableBufferPointer { gradientMatrices in
        withMatrixAddresses(from: slot, to: end, parameterMatrices, gradientMatrices) {
          withAddresses(from: end, parameterLayers, gradientLayers, body)
        }
      }
    }
  }

  /// Runs `body` with ``entries`` filled for slots `slot..<end`, all of one layer: each matrix is reached in
  /// place (a uniqueness check, no reference counting, no copy) for the whole call.
  ///
  /// - Parameters:
  ///   - slot: The next slot to fill.
  ///   - end: The end of the layer's slots.
  ///   - parameterMatrices: The layer's parameters.
  ///   - gradientMatrices: The layer's gradients.
  ///   - body: The work done while the addresses are valid.
  func withMatrixAddresses(
    from slot: Int, to end: Int, _ parameterMatrices: UnsafeMutableBufferPointer<Matrix>,
    _ gradientMatrices: UnsafeMutableBufferPointer<Matrix>, _ body: () -> Double
  ) -> Double {
    guard slot < end else { return body() }
    let index = slots[slot].index
    if isFloat {
      return parameterMatrices[index].withUnsafeMutableBufferPointer(as: Float.self) { values in
        gradientMatrices[index].withUnsafeMutableBufferPointer(as: Float.self) { gradientValues in
          entries[slot] = UnsafeMutableRawPointer(values.baseAddress!)
          entries[slots.count + slot] = UnsafeMutableRawPointer(gradientValues.baseAddress!)
          return withMatrixAddresses(from: slot + 1, to: end, parameterMatrices, gradientMatrices, body)
        }
      }
    }
    return parameterMatrices[index].withUnsafeMutableBufferPointer { values in
      gradientMatrices[index].withUnsafeMutableBufferPointer { gradientValues in
        entries[slot] = UnsafeMutableRawPointer(values.baseAddress!)
        entries[slots.count + slot] = UnsafeMutableRawPointer(gradientValues.baseAddress!)
        return withMatrixAddresses(from: slot + 1, to: end, parameterMatrices, gradientMatrices, body)
      }
    }
  }
}
