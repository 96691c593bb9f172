import NNCore
import NNData
import NNLayers

/// What a fit across processes keeps while it runs.
struct FitDistribution {
  /// The processes.
  let group: any ProcessGroup
  /// This process's source for random layers (dropout): its own stream, derived from the run's and the rank, while
  /// the batches come from the run's stream, the same on every process.
  let layerRandom: RandomSource
}

extension TrainingRun {
  /// Trains across the processes of `group`, each on its share of every batch, with the semantics of PyTorch's
  /// `DistributedDataParallel` and Horovod (synchronous data parallelism): the same ``fit(_:validation:length:options:observers:)``
  /// with its gradients summed over the processes.
  ///
  /// Every process calls it with the same network, data and settings (checked first: a difference stops every
  /// process with ``DistributedError/mismatch(_:)`` naming the processes and what differs). Then:
  /// - process 0's weights, optimizer state and learning rate are copied to the others;
  /// - every process draws the same global batch of ``batchSize`` rows from the run's stream and takes its share,
  ///   rows `⌊r·B/p⌋ ..< ⌊(r+1)·B/p⌋` for process `r` of `p`;
  /// - each computes the gradients of its share; they are summed over the processes in one flat buffer (one
  ///   allreduce a step), weighted by the share's size under a mean reduction (`∇ = Σᵣ (nᵣ/B) ∇ᵣ`), so that every
  ///   process applies the update of the global batch, and the weights stay the same everywhere;
  /// - observers, evaluations and the history run on process 0 alone; its learning rate before each step and its
  ///   decision to stop after it reach the others, so every process stops together;
  /// - at the end, process 0's network and optimizer state (early stopping may have restored earlier ones) are
  ///   copied to the others.
  ///
  /// The global batch means what it means in one process: on the same batches, the weights equal one process's up
  /// to rounding (the sums are taken in another order). Random layers (dropout) draw from a stream of each
  /// process's own. Only process 0's summary has a history.
  ///
  /// - Parameters:
  ///   - training: The samples to train on, the same on every process.
  ///   - validation: Held-out samples, evaluated on process 0.
  ///   - length: How long to train.
  ///   - options: Block length and what the history records.
  ///   - observers: Called on process 0 (pass the same list everywhere; the others ignore it).
  ///   - group: The processes.
  /// - Returns: The fit's summary (its history on process 0).
  /// - Throws: As ``fit(_:validation:length:options:observers:)`` does, ``DistributedError`` when the processes
  ///   differ or a message-passing call fails, and ``DistributedError/batchTooSmall(batchSize:processes:)``.
  @discardableResult
  public mutating func fit(
    _ training: Dataset, validation: Dataset? = nil, length: TrainingLength, options: FitOptions = FitOptions(),
    observers: [any TrainingObserver] = [], across group: any ProcessGroup
  ) throws -> FitSummary {
    try DistributedCheck.compare(
      DistributedCheck.digests(of: self, training: training, validation: validation, length: length, options: options),
      in: group)
    guard batchSize >= group.size else {
      throw DistributedError.batchTooSmall(batchSize: batchSize, processes: group.size)
    }
    try shareState(in: group)
    let digest = DistributedCheck.digest(random.stateBytes)
    distribution = FitDistribution(
      group: group, layerRandom: RandomSource(seed: digest ^ (UInt64(group.rank) &* 0x9E37_79B9_7F4A_7C15)))
    defer { distribution = nil }
    let summary = try fit(
      training, validation: validation, length: length, options: options,
      observers: group.rank == 0 ? observers : [])
    distribution = nil
    try shareState(in: group)
    return summary
  }

  /// Copies process 0's parameters, optimizer state and learning rate to every process.
  ///
  /// - Parameter group: The processes, which hold networks of the same shapes (checked by the caller).
  mutating func shareState(in group: any ProcessGroup) throws {
    guard group.size > 1 else { return }
    var values: [Double] = [trainer.learningRate]
    for matrix in trainer.network.parameters.joined() { values += matrix.elements }
    for state in trainer.optimizerState.joined() {
      values.append(Double(state.step))
      for slot in state.slots { values += slot.elements }
    }
    try values.withUnsafeMutableBytes { try group.broadcast($0, from: 0) }
    guard group.rank != 0 else { return }
    var position = 1
    func take(_ shape: Matrix) -> Matrix {
      defer { position += shape.count }
      return Matrix(
        rows: shape.rows, columns: shape.columns, elements: Array(values[position..<(position + shape.count)]))
    }
    let network = trainer.network
    let parameters = network.parameters.map { $0.map(take) }
    var states = trainer.optimizerState
    for layer in states.indices {
      for index in states[layer].indices {
        states[layer][index].step = Int(values[position])
        position += 1
        states[layer][index].slots = states[layer][index].slots.map(take)
      }
    }
    var shared = Trainer(
      network: try Sequential(inputWidth: network.inputWidth, layers: network.layers, parameters: parameters),
      loss: trainer.loss, optimizer: trainer.optimizer, allowsFusedKernel: trainer.usesFusedKernel)
    shared.optimizerState = states
    shared.learningRate = values[0]
    shared.gradientClipping = trainer.gradientClipping
    trainer = shared
  }

  /// One step of a fit across processes: this process's share of the global batch `rows`, its gradients and
  /// loss summed over the processes; returns the global batch's loss.
  ///
  /// - Parameters:
  ///   - rows: The global batch.
  ///   - features: The training features.
  ///   - targets: The training targets.
  ///   - distribution: The processes and this process's random layers' source.
  mutating func distributedStep(
    rows: UnsafeBufferPointer<Int>, features: Matrix, targets: Matrix, distribution: FitDistribution
  ) throws -> Double {
    let group = distribution.group
    let count = rows.count
    let start = group.rank * count / group.size
    let end = (group.rank + 1) * count / group.size
    let weight = trainer.loss.reduction == .mean ? Double(end - start) / Double(count) : 1
    let share = UnsafeBufferPointer(rebasing: rows[start..<end])
    let loss = try trainer.step(rows: share, of: features, targets: targets, random: distribution.layerRandom) {
      gradients in
      if weight != 1 { for index in gradients.indices { gradients[index] *= weight } }
      try group.allreduceSum(gradients)
    }
    var total = loss * weight
    try withUnsafeMutablePointer(to: &total) { try group.allreduceSum(UnsafeMutableBufferPointer(start: $0, count: 1)) }
    return total
  }

  /// Gives every process process 0's learning rate for the coming step.
  ///
  /// - Parameter group: The processes.
  mutating func shareLearningRate(in group: any ProcessGroup) throws {
    var rate = trainer.learningRate
    try withUnsafeMutableBytes(of: &rate) { try group.broadcast($0, from: 0) }
    trainer.learningRate = rate
  }

  /// Gives every process process 0's decision to stop after this step, and its reason.
  ///
  /// - Parameter group: The processes.
  mutating func shareStopDecision(in group: any ProcessGroup) throws {
    var length = Int64(-1)
    if group.rank == 0, let stopReason { length = Int64(StopReasonText.encode(stopReason).utf8.count) }
    try withUnsafeMutableBytes(of: &length) { try group.broadcast($0, from: 0) }
    guard length >= 0 else { return }
    var bytes = [UInt8](repeating: 0, count: Int(length))
    if group.rank == 0, let stopReason { bytes = Array(StopReasonText.encode(stopReason).utf8) }
    try bytes.withUnsafeMutableBytes { try group.broadcast($0, from: 0) }
    if group.rank != 0 { requestStop(StopReasonText.decode(String(decoding: bytes, as: UTF8.self))) }
  }
}

/// A stop reason as text, to send it to other processes.
enum StopReasonText {
  /// The reason as text.
  ///
  /// - Parameter reason: The reason.
  static func encode(_ reason: StopReason) -> String {
    switch reason {
    case .targetLossReached: return "target"
    case .noImprovement: return "patience"
    case .interrupted: return "interrupted"
    case .requested(let text): return "requested:" + text
    }
  }

  /// The reason of a text made by ``encode(_:)``.
  ///
  /// - Parameter text: The text.
  static func decode(_ text: String) -> StopReason {
    switch text {
    case "target": return .targetLossReached
    case "patience": return .noImprovement
    case "interrupted": return .interrupted
    default: return .requested(text.hasPrefix("requested:") ? String(text.dropFirst("requested:".count)) : text)
    }
  }
}
