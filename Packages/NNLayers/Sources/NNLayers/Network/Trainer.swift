@_spi(Internals) import NNCore

/// Trains a ``Sequential`` network by backpropagation: forward, loss, backward, optimizer update.
///
/// One ``step(inputs:targets:random:)`` on a mini-batch of `N` rows:
/// ```
/// a₀ = x,  aₗ = layerₗ(aₗ₋₁; θₗ)                     forward
/// L = loss(a_last, t)                                  the loss
/// gₗ = ∂L/∂aₗ,  gₗ₋₁ = layerₗ.backward(gₗ)              backward, with ∂L/∂θₗ
/// θ ← optimizer.update(θ, ∂L/∂θ, state)                 update
/// ```
/// When the loss fuses the network's final activation (``/NNCore/Loss/fusedActivation``, as `softmax_cross_entropy`
/// fuses `softmax`), training stops before that layer and the loss takes its input.
///
/// Buffers for every layer's output and gradient are sized at the first batch and reused: after the largest
/// batch has been seen, a step allocates nothing.
///
/// Two ways to compute the gradients, chosen by the trainer, never by the caller (``usesFusedKernel`` says which):
/// - **Fused kernel**, for small dense networks: when the trained layers are only ``Dense`` layers and
///   ``ActivationLayer``s of ``ElementwiseActivation``s (built-in or a user's own), every width is at most 128,
///   and the loss is ``MeanSquaredError`` or ``SoftmaxCrossEntropy`` (in a `float32` network, only activations the
///   C kernels know: sigmoid, tanh, ReLU, leaky ReLU, swish, identity). Eight `float64` samples (sixteen `float32`)
///   run side by side in the lanes of a 64-byte vector; each layer's forward and backward pass is one loop over the batch with
///   the activation inlined, and weight gradients are summed in lanes. On the seed's iris network (4-12-6-3,
///   batch 64) a step is about 3× faster than layer by layer, whose time goes to call overhead on tiny products;
///   up to width 128 the fused kernel is still the faster one on a core (see `FusedNetworkKernel.maximumWidth`).
/// - **Layer by layer**, for everything else: wider layers (where OpenBLAS's blocked products catch up and can
///   use several threads), softmax or other non-elementwise activations inside the network, dropout, other
///   losses. Each ``/NNCore/Layer``'s own forward and backward run over the whole batch, except that a ``Dense``
///   layer with a bias followed by ``ReLU`` has its bias and activation passes fused into one pass forward and one
///   backward (the same results to the bit, half the passes over memory).
///
/// Both give the same gradients up to rounding (sums are taken in another order; tested to 1e-12 relative).
///
/// In a `float32` network trained layer by layer with an optimizer whose step is linear, `θ ← a θ + b ∇`
/// (``/NNCore/Optimizer/linearUpdate(learningRate:)``: `SGD`), a step folds each ``Dense`` layer's weight
/// update into the product that computes the weights' gradient: `W ← a W + b xᵀ g` in one BLAS call, after the
/// product for the layer's input gradient. The gradient is then never written, read back or zeroed first (on the
/// wide network, 784-512-512-10, 3% of a step), and the update rounds once where the rule's own pass rounds twice.
/// ``parameterGradients`` computes those gradients again when read, from the step's buffers. A step does not fold in
/// a `float64` network (whose steps keep their bits), with ``gradientClipping`` (which reads the gradients), in
/// ``computeGradients(inputs:targets:random:)`` or when combining gradients across processes; the first layer folds
/// only when the batch is one of the trainer's own buffers (``step(rows:of:targets:random:)``, or a batch of another
/// element type), since a caller's matrix is not kept.
///
/// On the fused kernel with an ``/NNCore/ElementwiseOptimizer`` (every built-in optimizer is one), the kernel keeps
/// the parameters, their gradients and the optimizer's slots in flat buffers while training, and one optimizer call
/// updates them all; ``network``, ``optimizerState`` and ``parameterGradients`` then copy their matrices out of
/// those buffers when read. Online training on iris (batch size 1, 4-12-6-3, plain SGD) went from 3.6 M to 5.1 M
/// samples/s when the matrices were no longer opened and updated one by one. An optimizer that is not elementwise
/// gets one call per matrix, on the network's matrices.
public struct Trainer {
  /// The network being trained, with its current parameters.
  ///
  /// While the fused kernel keeps the parameters (see the type's discussion), reading this property copies them
  /// out of its buffers: read it between epochs, not at every step.
  public var network: Sequential {
    guard let store = fusedKernel?.store else { return storedNetwork }
    var network = storedNetwork
    network.parameters = store.parameterMatrices()
    return network
  }
  /// The network; its parameters are stale while the fused kernel keeps them.
  private var storedNetwork: Sequential
  /// The loss minimised.
  public let loss: any Loss
  /// The update rule.
  public let optimizer: any Optimizer
  /// The optimizer's state, one per parameter matrix, by layer.
  ///
  /// Set it to resume training (from a checkpoint, say); each state must have the optimizer's slots, shaped like
  /// its parameter. While the fused kernel keeps the state, reading copies it out of the kernel's buffers.
  public var optimizerState: [[ParameterState]] {
    get { fusedKernel?.store?.states() ?? storedOptimizerState }
    set {
      guard fusedKernel?.store != nil else {
        storedOptimizerState = newValue
        return
      }
      if !isKnownUniquelyReferenced(&fusedKernel!) { makeOwnKernel() }
      fusedKernel!.store!.load(states: newValue)
    }
  }
  private var storedOptimizerState: [[ParameterState]]
  /// The learning rate of the next step; starts at the optimizer's (a schedule changes it between steps).
  public var learningRate: Double
  /// The limit applied to the gradients before each update, if any.
  public var gradientClipping: GradientClipping?
  /// The number of layers applied in training (all, or all but a fused final activation).
  public let trainedLayerCount: Int

  private var outputs: [Matrix]
  private var outputGradients: [Matrix]
  /// `∂L/∂aₗ` from the last layer-by-layer step: for each layer, the gradient of the loss with respect to its
  /// output, one row per sample (for a dense layer, the error terms `δₗ = ∂L/∂zₗ` of backpropagation). The fused
  /// kernel does not keep them: make the trainer with `allowsFusedKernel: false` to read them.
  public var layerOutputGradients: [Matrix] { outputGradients }

  /// `∂L/∂θ` from the last step, by layer, shaped like ``Sequential/parameters`` (copied out of the fused
  /// kernel's buffers when it keeps them).
  ///
  /// After a step that folded the update of dense layers' weights into their products (see the type's discussion),
  /// those weights' gradients are computed again from the step's layer inputs and output gradients when read, by
  /// the same product as an unfolded step: the same values, at the cost of one product per such layer.
  public var parameterGradients: [[Matrix]] {
    if let store = fusedKernel?.store { return store.gradientMatrices() }
    guard foldedWeights.contains(true) else { return storedGradients }
    var gradients = storedGradients
    for layer in foldedWeights.indices where foldedWeights[layer] {
      let input = layer > 0 ? outputs[layer - 1] : foldedFirstInput == .converted ? convertedInputs : gatheredInputs
      Dense.weightGradient(input: input, outputGradient: outputGradients[layer], into: &gradients[layer][0])
    }
    return gradients
  }
  private var storedGradients: [[Matrix]]
  private var workspaces: [LayerWorkspace]
  private var unusedInputGradient: Matrix
  private var gatheredInputs: Matrix
  private var gatheredTargets: Matrix
  /// A batch of another element type than the network's, converted.
  private var convertedInputs: Matrix
  private var convertedTargets: Matrix
  /// For each layer that computes in `float64` only while the network does not: its widened buffers.
  private var widenedLayers: [WidenedLayer?]
  /// The widened buffers of a loss that computes in `float64` only while the network does not.
  private var widenedLoss: WidenedLoss?
  /// The widened buffers of an optimizer that updates `float64` only while the network does not.
  private var widenedOptimizer: WidenedOptimizer?
  private var fusedKernel: FusedNetworkKernel?
  /// On the layer-by-layer path, for each dense layer whose bias pass and the next layer's activation pass run fused
  /// (``DenseActivationFusion``): the fusion; `nil` for every other layer.
  private let fusions: [DenseActivationFusion?]
  /// For each layer: whether a step may fold the optimizer's update of its weights into the product that computes
  /// their gradient (a ``Dense`` layer of a `float32` network on the layer-by-layer path).
  private let foldableWeights: [Bool]
  /// Whether any layer's weights can fold.
  private let foldsAnyWeights: Bool
  /// For each layer: whether the last step folded its weights' update (their gradient was not stored).
  private var foldedWeights: [Bool]
  /// The buffer the last folding step's first layer read, when that layer folded.
  private var foldedFirstInput = StepInput.caller
  /// Whether steps may fold linear updates into weight-gradient products (tests compare with steps that do not).
  var foldsUpdates = true
  /// The layers whose weights' update the last step folded into their gradients' products.
  var foldedLayers: [Int] { foldedWeights.indices.filter { foldedWeights[$0] } }
  /// The layer-by-layer gradients in one buffer, for ``step(rows:of:targets:random:combiningGradients:)``.
  private var combinedGradients: [Double] = []

  /// Whether gradients come from the fused kernel for small dense networks (see the type's discussion)
  /// rather than layer by layer. Decided once, from the network and the loss.
  public var usesFusedKernel: Bool { fusedKernel != nil }

  /// The instruction set the fused kernel's inner loops run on, chosen for this CPU when the trainer was made:
  /// `x86-64-v4` (AVX-512), `x86-64-v3` (AVX2 and FMA), `x86-64` (SSE2), or the architecture's name; `nil` on
  /// the layer-by-layer path. The environment variable `NN_KERNELS` names another that the CPU runs.
  public var kernelInstructionSet: String? { fusedKernel?.kernels.name }

  /// Whether a batch of one sample takes the fused kernel's single-sample path (``FusedSingleSample``).
  var usesSingleSamplePath: Bool { fusedKernel?.hasSingleSamplePath ?? false }

  /// The C kernels a fused kernel of this trainer runs.
  private let kernels: KernelTable
  /// The fused kernel's store, reached unretained (the kernel holds it), when the optimizer is an
  /// ``/NNCore/ElementwiseOptimizer``: then the kernel keeps the parameters, gradients and slots in flat buffers
  /// (``FlatParameterStore``) and one call updates them all. (Reached through the kernel, the store and the
  /// optimizer were retained and copied at every step: 5% of an online iris step.)
  private var storeReference: Unmanaged<FlatParameterStore>?

  /// A trainer for `network`.
  ///
  /// - Parameters:
  ///   - network: The network to train.
  ///   - loss: The loss to minimise.
  ///   - optimizer: The update rule.
  public init(network: Sequential, loss: any Loss, optimizer: any Optimizer) {
    self.init(network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: true)
  }

  /// A trainer that may be kept on the layer-by-layer path: for comparing the two paths, and for reading each
  /// layer's error terms (``layerOutputGradients``), which only that path keeps.
  ///
  /// - Parameters:
  ///   - network: The network to train.
  ///   - loss: The loss to minimise.
  ///   - optimizer: The update rule.
  ///   - allowsFusedKernel: Whether the fused kernel may be used when the network qualifies.
  public init(network: Sequential, loss: any Loss, optimizer: any Optimizer, allowsFusedKernel: Bool) {
    self.init(
      network: network, loss: loss, optimizer: optimizer, allowsFusedKernel: allowsFusedKernel, kernels: .selected)
  }

  /// A trainer whose fused kernel, if the network qualifies, runs the given C kernels.
  ///
  /// - Parameters:
  ///   - network: The network to train.
  ///   - loss: The loss to minimise.
  ///   - optimizer: The update rule.
  ///   - allowsFusedKernel: Whether the fused kernel may be used when the network qualifies.
  ///   - kernels: The instruction set's kernels.
  init(
    network: Sequential, loss: any Loss, optimizer: any Optimizer, allowsFusedKernel: Bool, kernels: KernelTable
  ) {
    self.kernels = kernels
    self.storedNetwork = network
    self.loss = loss
    self.optimizer = optimizer
    self.learningRate = optimizer.learningRate
    // Slots in the parameters' element type, whatever type an optimizer's own makeState chose.
    self.storedOptimizerState = network.parameters.map {
      $0.map { parameter in
        var state = optimizer.makeState(for: parameter)
        state.slots = state.slots.map { $0.converted(to: parameter.elementType) }
        return state
      }
    }
    let last = network.layers.last
    if let fused = loss.fusedActivation, let last, last.configuration.name == fused,
      last.parameterShapes(inputWidth: network.widths[network.layers.count - 1]).isEmpty
    {
      trainedLayerCount = network.layers.count - 1
    } else {
      trainedLayerCount = network.layers.count
    }
    let widths = network.widths
    let elementType = network.elementType
    outputs = (0..<network.layers.count).map { Matrix(rows: 0, columns: widths[$0 + 1], elementType: elementType) }
    outputGradients = outputs
    storedGradients = network.parameters.map {
      $0.map { Matrix(rows: $0.rows, columns: $0.columns, elementType: elementType) }
    }
    unusedInputGradient = Matrix(rows: 0, columns: 0, elementType: elementType)
    gatheredInputs = Matrix(rows: 0, columns: network.inputWidth, elementType: elementType)
    gatheredTargets = Matrix(rows: 0, columns: 0, elementType: elementType)
    convertedInputs = gatheredInputs
    convertedTargets = gatheredTargets
    let widenedLayers = network.layers.enumerated().map {
      WidenedLayer($1, inputWidth: widths[$0], elementType: elementType)
    }
    self.widenedLayers = widenedLayers
    workspaces = network.layers.enumerated().map {
      widenedLayers[$0] == nil ? $1.makeWorkspace(inputWidth: widths[$0]) : LayerWorkspace()
    }
    widenedLoss = WidenedLoss(loss, elementType: elementType)
    widenedOptimizer = WidenedOptimizer(optimizer, elementType: elementType)
    fusedKernel =
      allowsFusedKernel
      ? FusedNetworkKernel(network: network, loss: loss, trainedLayerCount: trainedLayerCount, kernels: kernels) : nil
    let trainedLayerCount = self.trainedLayerCount
    let fusedKernel = self.fusedKernel
    fusions = network.layers.indices.map { layer -> DenseActivationFusion? in
      guard fusedKernel == nil, layer + 1 < trainedLayerCount, widenedLayers[layer] == nil,
        widenedLayers[layer + 1] == nil
      else { return nil }
      return DenseActivationFusion(network.layers[layer], then: network.layers[layer + 1], kernels: kernels)
    }
    foldableWeights = network.layers.indices.map { layer in
      fusedKernel == nil && elementType == .float32 && layer < trainedLayerCount && widenedLayers[layer] == nil
        && network.layers[layer] is Dense
    }
    foldedWeights = foldableWeights.map { _ in false }
    foldsAnyWeights = foldableWeights.contains(true)
    if let fusedKernel, let elementwiseOptimizer = optimizer as? any ElementwiseOptimizer {
      let store = FlatParameterStore(shapedLike: network.parameters, optimizer: elementwiseOptimizer)
      store.load(parameters: network.parameters)
      store.load(states: storedOptimizerState)
      fusedKernel.adopt(store)
      storeReference = Unmanaged.passUnretained(store)
    } else {
      storeReference = nil
    }
  }

  /// The width of what the loss compares with the targets.
  public var lossWidth: Int { storedNetwork.widths[trainedLayerCount] }

  /// One training step on a mini-batch; returns the batch's loss before the update.
  ///
  /// - Parameters:
  ///   - inputs: `N` rows of ``Sequential/inputWidth`` features.
  ///   - targets: `N` rows of ``lossWidth`` targets.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when the batch's shape is wrong.
  @discardableResult
  public mutating func step(inputs: Matrix, targets: Matrix, random: RandomSource) throws -> Double {
    let value = try gradients(inputs: inputs, targets: targets, random: random, update: stepUpdate(), input: .caller)
    update()
    return value
  }

  /// One training step on the mini-batch made of the given rows of a data set; returns the batch's loss
  /// before the update.
  ///
  /// The same as gathering the rows (`x[k] = inputs[rows[k]]`, `t[k] = targets[rows[k]]`) and calling
  /// ``step(inputs:targets:random:)``, without the intermediate copy: the fused kernel reads the rows straight
  /// into its lanes.
  ///
  /// - Parameters:
  ///   - rows: `N ≥ 1` row indices into `inputs` and `targets` (repeats allowed); an index out of range stops
  ///     the program, like an array index.
  ///   - inputs: The data set's features, ``Sequential/inputWidth`` columns.
  ///   - targets: The data set's targets, ``lossWidth`` columns, as many rows as `inputs`.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when a shape is wrong or `rows` is empty.
  @discardableResult
  public mutating func step(
    rows: UnsafeBufferPointer<Int>, of inputs: Matrix, targets: Matrix, random: RandomSource
  ) throws -> Double {
    let value = try gradients(rows: rows, of: inputs, targets: targets, random: random, update: stepUpdate())
    update()
    return value
  }

  /// The step to fold into weight-gradient products in this step, if any: the optimizer's linear step
  /// (``/NNCore/Optimizer/linearUpdate(learningRate:)``) when some layer's weights can fold and nothing reads the
  /// gradients between the products and the update (no gradient clipping).
  private func foldingUpdate() -> LinearUpdate? {
    guard foldsAnyWeights, foldsUpdates, gradientClipping == nil, widenedOptimizer == nil else { return nil }
    return optimizer.linearUpdate(learningRate: learningRate)
  }

  /// How this step's passes may apply the update that follows them: the optimizer's linear step folded into the
  /// weight-gradient products (``foldingUpdate()``), or `η` for the fused kernel's threads (``FusedPassUpdate``), on a
  /// kernel that keeps its parameters in a store and with nothing reading the gradients before the update (no
  /// gradient clipping).
  ///
  /// Worked out where a step starts and passed down: read inside the passes' function, beside its accesses to the
  /// stored matrices, it copied the whole trainer at every step (9% of a sphere step in retains and releases).
  private func stepUpdate() -> StepUpdate {
    StepUpdate(fold: foldingUpdate(), rate: gradientClipping == nil && storeReference != nil ? learningRate : nil)
  }

  /// One training step on the given rows whose gradients pass through `combine` before the update; returns the
  /// batch's loss before the update.
  ///
  /// For training across processes: `combine` sums the gradients of every process's share of a batch (an
  /// allreduce), so that every process applies the same update. It receives every parameter's gradient in one
  /// buffer, the matrices one after another in the order of ``parameterGradients`` (with zeros between them),
  /// and may change them in place: the update applies what it leaves. The buffer is the fused kernel's own, or
  /// one the trainer keeps for the purpose; nothing is allocated after the first step.
  ///
  /// - Parameters:
  ///   - rows: `N ≥ 1` row indices into `inputs` and `targets`, as in ``step(rows:of:targets:random:)``.
  ///   - inputs: The data set's features.
  ///   - targets: The data set's targets.
  ///   - random: The source for random layers (dropout).
  ///   - combine: Receives the gradients, and may change them; an error it throws ends the step before the
  ///     update.
  /// - Throws: ``NetworkError`` when a shape is wrong or `rows` is empty, or what `combine` throws.
  @discardableResult
  public mutating func step(
    rows: UnsafeBufferPointer<Int>, of inputs: Matrix, targets: Matrix, random: RandomSource,
    combiningGradients combine: (UnsafeMutableBufferPointer<Double>) throws -> Void
  ) throws -> Double {
    let value = try computeGradients(rows: rows, of: inputs, targets: targets, random: random)
    if let store = fusedKernel?.store, store.elementType == .float64 {
      try combine(UnsafeMutableBufferPointer(start: store.gradients, count: store.count))
    } else if let store = fusedKernel?.store {
      try combineFloatGradients(store.run(1, as: Float.self), count: store.count, combine)
    } else {
      try combineMatrixGradients(combine)
    }
    update()
    return value
  }

  /// Runs `combine` on the `float32` gradients of the fused kernel's store, widened into one buffer of `Double`s,
  /// then rounds them back.
  ///
  /// - Parameters:
  ///   - gradients: The store's gradient run.
  ///   - count: Its length.
  ///   - combine: Receives the gradients, and may change them.
  private mutating func combineFloatGradients(
    _ gradients: UnsafeMutablePointer<Float>, count: Int, _ combine: (UnsafeMutableBufferPointer<Double>) throws -> Void
  ) rethrows {
    if combinedGradients.count != count { combinedGradients = [Double](repeating: 0, count: count) }
    try combinedGradients.withUnsafeMutableBufferPointer { buffer in
      for index in 0..<count { buffer[index] = Double(gradients[index]) }
      try combine(buffer)
      for index in 0..<count { gradients[index] = Float(buffer[index]) }
    }
  }

  /// Runs `combine` on the layer-by-layer gradients copied into one buffer, then copies them back.
  ///
  /// - Parameter combine: Receives the gradients, and may change them.
  private mutating func combineMatrixGradients(_ combine: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows
  {
    let total = storedGradients.joined().reduce(0) { $0 + $1.count }
    if combinedGradients.count != total { combinedGradients = [Double](repeating: 0, count: total) }
    try combinedGradients.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return try combine(buffer) }
      var offset = 0
      for matrix in storedGradients.joined() {
        matrix.copyElements(into: base + offset)
        offset += matrix.count
      }
      try combine(buffer)
      offset = 0
      for layer in storedGradients.indices {
        for index in storedGradients[layer].indices {
          storedGradients[layer][index].loadElements(from: base + offset)
          offset += storedGradients[layer][index].count
        }
      }
    }
  }

  /// Applies the optimizer to every parameter with the gradients of the last ``computeGradients(inputs:targets:random:)``.
  ///
  /// The arrays are walked through their buffers, so the loop costs no reference counting per parameter.
  private mutating func update() {
    if let storeReference {
      // The kernel is this trainer's own: the passes that filled the gradients made sure of it.
      let (rate, clipping) = (learningRate, gradientClipping)
      return storeReference._withUnsafeGuaranteedRef { $0.update(learningRate: rate, clipping: clipping) }
    }
    gradientClipping?.apply(to: &storedGradients)
    let optimizer = self.optimizer
    let rate = learningRate
    storedNetwork.parameters.withUnsafeMutableBufferPointer { parameterLayers in
      storedOptimizerState.withUnsafeMutableBufferPointer { stateLayers in
        storedGradients.withUnsafeMutableBufferPointer { gradientLayers in
          for layer in gradientLayers.indices where !gradientLayers[layer].isEmpty {
            parameterLayers[layer].withUnsafeMutableBufferPointer { parameters in
              stateLayers[layer].withUnsafeMutableBufferPointer { states in
                gradientLayers[layer].withUnsafeMutableBufferPointer { gradients in
                  let gradientMatrices = gradients.baseAddress!
                  for index in gradients.indices {
                    if index == 0, foldedWeights[layer] {
                      // Updated inside the product that computed the gradient.
                      states[index].step += 1
                      continue
                    }
                    // Moved out for the call and back: a copy would retain and release the matrix's storage (three
                    // of the six retain–release pairs that took 4.2% of an iris step).
                    let gradient = (gradientMatrices + index).move()
                    if widenedOptimizer != nil {
                      widenedOptimizer!.update(
                        optimizer, parameter: &parameters[index], gradient: gradient, state: &states[index],
                        learningRate: rate)
                    } else {
                      optimizer.update(
                        &parameters[index], gradient: gradient, state: &states[index], learningRate: rate)
                    }
                    (gradientMatrices + index).initialize(to: consume gradient)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Forward and backward passes on the mini-batch made of the given rows of a data set, without an update:
  /// fills ``parameterGradients`` and returns the loss.
  ///
  /// - Parameters:
  ///   - rows: `N ≥ 1` row indices into `inputs` and `targets`, each in range (checked).
  ///   - inputs: The data set's features.
  ///   - targets: The data set's targets, as many rows as `inputs`.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when a shape is wrong or `rows` is empty.
  public mutating func computeGradients(
    rows: UnsafeBufferPointer<Int>, of inputs: Matrix, targets: Matrix, random: RandomSource
  ) throws -> Double {
    try gradients(rows: rows, of: inputs, targets: targets, random: random, update: .none)
  }

  /// Forward and backward passes on the given rows of a data set; for a step's passes, the update may be applied
  /// during them (`update`): folded into weight-gradient products, or by the fused kernel's threads.
  ///
  /// - Parameters:
  ///   - rows: `N ≥ 1` row indices into `inputs` and `targets`, each in range (checked).
  ///   - inputs: The data set's features.
  ///   - targets: The data set's targets, as many rows as `inputs`.
  ///   - random: The source for random layers (dropout).
  ///   - update: How the passes may apply the update that follows them (``StepUpdate/none`` for none).
  private mutating func gradients(
    rows: UnsafeBufferPointer<Int>, of inputs: Matrix, targets: Matrix, random: RandomSource, update: StepUpdate
  ) throws -> Double {
    guard !rows.isEmpty else { throw NetworkError.emptyBatch }
    try check(inputs: inputs, targets: targets)
    let count = inputs.rows
    // One vectorised pass (the largest index as unsigned, so that negative ones count as huge), the failing row
    // looked up only to report it: with a check per row this function took 1.4% of an iris step's profile, now 0.9%.
    var highest: UInt = 0
    for row in rows { highest = max(highest, UInt(bitPattern: row)) }
    if highest >= UInt(count), let row = rows.first(where: { $0 < 0 || $0 >= count }) {
      preconditionFailure("step(rows:): row \(row) out of range 0..<\(count)")
    }
    let elementType = storedNetwork.elementType
    if fusedKernel != nil, inputs.elementType == elementType, targets.elementType == elementType {
      if !isKnownUniquelyReferenced(&fusedKernel!) { makeOwnKernel() }
      return fusedKernel!.computeGradients(
        rows: rows, inputs: inputs, targets: targets, parameters: &storedNetwork.parameters,
        gradients: &storedGradients, updateRate: update.rate)
    }
    gatheredInputs.gatherRows(of: inputs, at: rows)
    gatheredTargets.gatherRows(of: targets, at: rows)
    return try gradients(
      inputs: gatheredInputs, targets: gatheredTargets, random: random, update: update, input: .gathered)
  }

  /// Forward and backward passes without an update: fills ``parameterGradients`` and returns the loss.
  ///
  /// - Parameters:
  ///   - inputs: `N` rows of ``Sequential/inputWidth`` features.
  ///   - targets: `N` rows of ``lossWidth`` targets.
  ///   - random: The source for random layers (dropout).
  /// - Throws: ``NetworkError`` when the batch's shape is wrong.
  public mutating func computeGradients(inputs: Matrix, targets: Matrix, random: RandomSource) throws -> Double {
    try gradients(inputs: inputs, targets: targets, random: random, update: .none, input: .caller)
  }

  /// Forward and backward passes; for a step's passes (`update`), the weights that can fold take their step inside
  /// their gradients' products, and their gradients are not stored, or the fused kernel's threads may apply the
  /// update during the passes.
  ///
  /// The first layer folds only when `inputs` is one of the trainer's own buffers, which stay as they are until the
  /// next step, so that ``parameterGradients`` can compute its gradient again; a caller's matrix is not kept.
  ///
  /// - Parameters:
  ///   - inputs: `N` rows of ``Sequential/inputWidth`` features.
  ///   - targets: `N` rows of ``lossWidth`` targets.
  ///   - random: The source for random layers (dropout).
  ///   - update: How the passes may apply the update that follows them (``StepUpdate/none`` for none).
  ///   - input: Which buffer `inputs` is.
  private mutating func gradients(
    inputs: Matrix, targets: Matrix, random: RandomSource, update: StepUpdate, input: StepInput
  ) throws -> Double {
    try check(inputs: inputs, targets: targets)
    let elementType = storedNetwork.elementType
    if inputs.elementType != elementType || targets.elementType != elementType {
      convertedInputs.assign(inputs)
      convertedTargets.assign(targets)
      return try gradients(
        inputs: convertedInputs, targets: convertedTargets, random: random, update: update, input: .converted)
    }
    let fold = update.fold
    if foldsAnyWeights {
      for layer in foldedWeights.indices {
        foldedWeights[layer] = fold != nil && foldableWeights[layer] && (layer > 0 || input != .caller)
      }
      foldedFirstInput = input
    }
    if fusedKernel != nil {
      if !isKnownUniquelyReferenced(&fusedKernel!) { makeOwnKernel() }
      return fusedKernel!.computeGradients(
        inputs: inputs, targets: targets, parameters: &storedNetwork.parameters, gradients: &storedGradients,
        updateRate: update.rate)
    }
    let count = trainedLayerCount
    let batch = inputs.rows
    let widths = storedNetwork.widths
    for layer in 0..<count {
      outputs[layer].resize(rows: batch, columns: widths[layer + 1])
      outputGradients[layer].resize(rows: batch, columns: widths[layer + 1])
      if layer > 0, let fusion = fusions[layer - 1] {
        fusion.forward(
          product: outputs[layer - 1], bias: storedNetwork.parameters[layer - 1][1], into: &outputs[layer])
        continue
      }
      let input = layer == 0 ? inputs : outputs[layer - 1]
      if fusions[layer] != nil {
        Dense.product(input, weights: storedNetwork.parameters[layer][0], into: &outputs[layer])
      } else if widenedLayers[layer] != nil {
        widenedLayers[layer]!.forward(
          input, parameters: storedNetwork.parameters[layer], into: &outputs[layer], mode: .training(random))
      } else {
        storedNetwork.layers[layer].forward(
          input, parameters: storedNetwork.parameters[layer], into: &outputs[layer], workspace: &workspaces[layer],
          mode: .training(random))
      }
    }
    guard count > 0 else { return loss.valueInAnyType(predictions: inputs, targets: targets) }
    let value =
      widenedLoss != nil
      ? widenedLoss!.gradient(predictions: outputs[count - 1], targets: targets, into: &outputGradients[count - 1])
      : loss.gradient(predictions: outputs[count - 1], targets: targets, into: &outputGradients[count - 1])
    for layer in stride(from: count - 1, through: 0, by: -1) {
      if foldedWeights[layer], let fold {
        foldedBackward(layer: layer, inputs: inputs, update: fold)
      } else if layer > 0, let fusion = fusions[layer - 1] {
        Self.fusedBackward(
          fusion, output: outputs[layer], gradients: &outputGradients, biasGradient: &storedGradients[layer - 1][1],
          layer: layer)
      } else if fusions[layer] != nil, layer == 0 {
        Dense.productGradients(
          input: inputs, outputGradient: outputGradients[0], weights: storedNetwork.parameters[0][0],
          weightGradient: &storedGradients[0][0], inputGradient: &unusedInputGradient, computeInputGradient: false)
      } else if fusions[layer] != nil {
        Dense.productGradients(
          input: outputs[layer - 1], outputGradient: outputGradients[layer],
          weights: storedNetwork.parameters[layer][0],
          weightGradient: &storedGradients[layer][0], inputGradient: &outputGradients[layer - 1],
          computeInputGradient: true)
      } else if widenedLayers[layer] != nil {
        if layer == 0 {
          widenedLayers[0]!.backward(
            outputGradient: outputGradients[0], parameters: storedNetwork.parameters[0],
            parameterGradients: &storedGradients[0], inputGradient: &unusedInputGradient, computeInputGradient: false)
        } else {
          widenedLayers[layer]!.backward(
            outputGradient: outputGradients[layer], parameters: storedNetwork.parameters[layer],
            parameterGradients: &storedGradients[layer], inputGradient: &outputGradients[layer - 1],
            computeInputGradient: true)
        }
      } else if layer == 0 {
        storedNetwork.layers[0].backward(
          input: inputs, output: outputs[0], outputGradient: outputGradients[0],
          parameters: storedNetwork.parameters[0], parameterGradients: &storedGradients[0],
          inputGradient: &unusedInputGradient, computeInputGradient: false, workspace: &workspaces[0])
      } else {
        storedNetwork.layers[layer].backward(
          input: outputs[layer - 1], output: outputs[layer], outputGradient: outputGradients[layer],
          parameters: storedNetwork.parameters[layer], parameterGradients: &storedGradients[layer],
          inputGradient: &outputGradients[layer - 1], computeInputGradient: true, workspace: &workspaces[layer])
      }
    }
    return value
  }

  /// The backward pass of the dense layer `layer` with the optimizer's step folded into its weight gradient's
  /// product: the bias gradient (unless the fused pass of the activation after the layer gave it), then the input
  /// gradient and the weights' step (``Dense/productGradients(input:outputGradient:updating:by:inputGradient:computeInputGradient:)``).
  ///
  /// - Parameters:
  ///   - layer: The dense layer's index.
  ///   - inputs: The batch's inputs (the first layer's input).
  ///   - update: The step.
  private mutating func foldedBackward(layer: Int, inputs: Matrix, update: LinearUpdate) {
    if fusions[layer] == nil, storedGradients[layer].count > 1 {
      outputGradients[layer].sumColumns(into: &storedGradients[layer][1])
    }
    if layer == 0 {
      Dense.productGradients(
        input: inputs, outputGradient: outputGradients[0], updating: &storedNetwork.parameters[0][0], by: update,
        inputGradient: &unusedInputGradient, computeInputGradient: false)
    } else {
      Dense.productGradients(
        input: outputs[layer - 1], outputGradient: outputGradients[layer],
        updating: &storedNetwork.parameters[layer][0], by: update, inputGradient: &outputGradients[layer - 1],
        computeInputGradient: true)
    }
  }

  /// The backward pass of the activation layer `layer` fused with the bias gradient of the dense layer before it:
  /// `gradients[layer - 1]` receives the gradient with respect to the dense layer's output from `gradients[layer]`,
  /// and `biasGradient` its columns' sums.
  private static func fusedBackward(
    _ fusion: DenseActivationFusion, output: Matrix, gradients: inout [Matrix], biasGradient: inout Matrix,
    layer: Int
  ) {
    gradients.withUnsafeMutableBufferPointer { gradients in
      fusion.backward(
        upstream: gradients[layer], y: output, into: &gradients[layer - 1], biasGradient: &biasGradient)
    }
  }

  /// The loss over `inputs` and the network's full outputs (final activation applied), in inference mode.
  ///
  /// A network the fused kernel trains (``usesFusedKernel``) is evaluated by its forward passes, in lanes; others
  /// layer by layer. Both give the same values up to rounding.
  ///
  /// - Parameters:
  ///   - inputs: Rows of features.
  ///   - targets: Rows of targets.
  /// - Throws: ``NetworkError`` when the shapes are wrong.
  public func evaluate(inputs: Matrix, targets: Matrix) throws -> (loss: Double, outputs: Matrix) {
    try check(inputs: inputs, targets: targets)
    let network = self.network
    let value: Double
    let lossInputs: Matrix
    // A network the fused kernel trains is evaluated by a kernel of its own (the trainer's may be shared by copies
    // of the trainer): its forward passes, eight samples per instruction, with no BLAS call.
    if usesFusedKernel,
      let kernel = FusedNetworkKernel(
        network: network, loss: loss, trainedLayerCount: trainedLayerCount, kernels: kernels)
    {
      (value, lossInputs) = kernel.evaluate(inputs: inputs, targets: targets, parameters: network.parameters)
    } else {
      lossInputs = try network.predict(inputs, layerCount: trainedLayerCount)
      value = loss.valueInAnyType(predictions: lossInputs, targets: targets.converted(to: network.elementType))
    }
    guard trainedLayerCount < network.layers.count else { return (value, lossInputs) }
    var outputs = Matrix(rows: inputs.rows, columns: network.outputWidth, elementType: lossInputs.elementType)
    network.layers[trainedLayerCount].forwardInAnyType(lossInputs, parameters: [], into: &outputs, mode: .inference)
    return (value, outputs)
  }

  /// Gives this trainer a kernel of its own (its work buffers, and the parameters it keeps, are not shared with a
  /// copy of the trainer).
  private mutating func makeOwnKernel() {
    let store = fusedKernel?.store?.copy()
    fusedKernel = FusedNetworkKernel(
      network: storedNetwork, loss: loss, trainedLayerCount: trainedLayerCount, kernels: kernels)
    if let store {
      fusedKernel?.adopt(store)
      storeReference = Unmanaged.passUnretained(store)
    }
  }

  /// Which buffer a step's inputs are.
  private enum StepInput {
    /// The caller's matrix.
    case caller
    /// ``gatheredInputs``.
    case gathered
    /// ``convertedInputs``.
    case converted
  }

  private func check(inputs: Matrix, targets: Matrix) throws {
    guard inputs.rows > 0 else { throw NetworkError.emptyBatch }
    guard inputs.columns == storedNetwork.inputWidth else {
      throw NetworkError.widthMismatch(what: "inputs", expected: storedNetwork.inputWidth, found: inputs.columns)
    }
    guard targets.columns == lossWidth else {
      throw NetworkError.widthMismatch(what: "targets", expected: lossWidth, found: targets.columns)
    }
    guard targets.rows == inputs.rows else {
      throw NetworkError.rowMismatch(inputs: inputs.rows, targets: targets.rows)
    }
  }
}
