import NNCore

/// A network's parameters, their gradients and an elementwise optimizer's slots, each kind in one flat buffer,
/// matrix after matrix in the order of ``Sequential/parameters``:
/// ```
/// [ θ: every matrix | ∂L/∂θ: every matrix | slot 1: every matrix | … | slot k: every matrix ]
/// ```
/// What the trainer keeps while the fused kernel trains with an ``/NNCore/ElementwiseOptimizer``: the kernel's
/// passes read and write it through fixed addresses, and one optimizer call updates every parameter. On iris at
/// batch size 1 (4-12-6-3, plain SGD), opening the six matrices of a step in place and updating them one by one
/// took about as long as the step's arithmetic.
final class FlatParameterStore {
  /// Where one parameter matrix lies in each flat run.
  struct Entry {
    /// Its layer.
    let layer: Int
    /// Its position among the layer's parameters.
    let index: Int
    /// Its rows.
    let rows: Int
    /// Its columns.
    let columns: Int
    /// Its first element's position in each run.
    let offset: Int
  }

  /// The room after every matrix in each run, in values: the fused kernel's single-sample step may read and write
  /// a vector of eight past a row (``FusedSingleSample``). The room holds zeros, and the parameters there have zero
  /// gradients; it is never read back into a matrix.
  static let slack = 8

  /// The matrices, in order.
  let entries: [Entry]
  /// The number of parameter matrices of each layer.
  private let layerCounts: [Int]
  /// The number of parameters, the length of each run.
  let count: Int
  /// The update rule.
  let optimizer: any ElementwiseOptimizer
  /// The number of slots the optimizer keeps per parameter.
  let slotCount: Int
  /// The runs: parameters, gradients, then each slot; aligned to a cache line.
  private let values: UnsafeMutablePointer<Double>
  /// The address of each slot's run, as the optimizer takes them.
  private let slotAddresses: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
  /// The updates each matrix has received (``ParameterState/step``). (Used by one thread at a time, as the trainer
  /// is: the dynamic exclusivity checks of a class's stored property took 1% of an online iris step.)
  @exclusivity(unchecked) private var steps: [Int]
  /// Whether every matrix has received as many updates: then one optimizer call covers them all.
  @exclusivity(unchecked) private var stepsAgree = true

  /// The parameters' run.
  var parameters: UnsafeMutablePointer<Double> { values }
  /// The gradients' run.
  var gradients: UnsafeMutablePointer<Double> { values + count }

  /// A store for parameters shaped like `parameters`, with the slots of `optimizer`, all zero.
  ///
  /// - Parameters:
  ///   - parameters: The network's parameters, by layer (only their shapes are read).
  ///   - optimizer: The update rule.
  init(shapedLike parameters: [[Matrix]], optimizer: any ElementwiseOptimizer) {
    let slotCount = optimizer.slotNames.count
    var entries: [Entry] = []
    var offset = 0
    for (layer, matrices) in parameters.enumerated() {
      for (index, matrix) in matrices.enumerated() {
        entries.append(Entry(layer: layer, index: index, rows: matrix.rows, columns: matrix.columns, offset: offset))
        // Each matrix starts on a cache line (the runs do) and is followed by at least ``slack`` values.
        offset += ((matrix.count + 7) & ~7) + Self.slack
      }
    }
    self.entries = entries
    layerCounts = parameters.map(\.count)
    count = offset
    self.optimizer = optimizer
    self.slotCount = slotCount
    let total = max((2 + slotCount) * offset, 1)
    values = UnsafeMutableRawPointer.allocate(byteCount: total * MemoryLayout<Double>.stride, alignment: 64)
      .bindMemory(to: Double.self, capacity: total)
    values.initialize(repeating: 0, count: total)
    slotAddresses = .allocate(capacity: max(slotCount, 1))
    for slot in 0..<slotCount { (slotAddresses + slot).initialize(to: values + (2 + slot) * offset) }
    steps = Array(repeating: 0, count: entries.count)
  }

  deinit {
    values.deallocate()
    slotAddresses.deallocate()
  }

  /// A store holding the same values.
  func copy() -> FlatParameterStore {
    let copy = FlatParameterStore(shapes: self)
    copy.values.update(from: values, count: (2 + slotCount) * count)
    copy.steps = steps
    copy.stepsAgree = stepsAgree
    return copy
  }

  /// An empty store laid out like `other`.
  private convenience init(shapes other: FlatParameterStore) {
    var parameters: [[Matrix]] = other.layerCounts.map { _ in [] }
    for entry in other.entries {
      parameters[entry.layer].append(Matrix(rows: entry.rows, columns: entry.columns))
    }
    self.init(shapedLike: parameters, optimizer: other.optimizer)
  }

  /// Copies `parameters` in.
  ///
  /// - Parameter parameters: Shaped like the store's matrices.
  func load(parameters: [[Matrix]]) {
    for entry in entries {
      let matrix = parameters[entry.layer][entry.index]
      precondition(matrix.rows == entry.rows && matrix.columns == entry.columns, "parameter shape changed")
      matrix.withUnsafeBufferPointer { source in
        if let base = source.baseAddress { (values + entry.offset).update(from: base, count: source.count) }
      }
    }
  }

  /// Copies the step counts and slots of `states` in.
  ///
  /// - Parameter states: One state per matrix, by layer, each with ``slotCount`` slots shaped like its matrix.
  func load(states: [[ParameterState]]) {
    precondition(
      states.map(\.count) == layerCounts, "Trainer.optimizerState: one state per parameter matrix, by layer")
    stepsAgree = true
    for (position, entry) in entries.enumerated() {
      let state = states[entry.layer][entry.index]
      precondition(
        state.slots.count == slotCount,
        "Trainer.optimizerState: layer \(entry.layer) parameter \(entry.index) has \(state.slots.count) slots, "
          + "the optimizer keeps \(slotCount)")
      steps[position] = state.step
      if state.step != steps[0] { stepsAgree = false }
      for (slot, matrix) in state.slots.enumerated() {
        precondition(
          matrix.rows == entry.rows && matrix.columns == entry.columns,
          "Trainer.optimizerState: layer \(entry.layer) parameter \(entry.index) slot \(slot) is "
            + "\(matrix.rows)×\(matrix.columns), the parameter \(entry.rows)×\(entry.columns)")
        matrix.withUnsafeBufferPointer { source in
          if let base = source.baseAddress {
            (slotAddresses[slot] + entry.offset).update(from: base, count: source.count)
          }
        }
      }
    }
  }

  /// The matrices of the run starting at `run`, by layer.
  ///
  /// - Parameter run: The run's first element.
  private func matrices(of run: UnsafeMutablePointer<Double>) -> [[Matrix]] {
    var layers: [[Matrix]] = layerCounts.map { _ in [] }
    for (position, entry) in entries.enumerated() {
      layers[entry.layer].append(matrix(position, of: run))
    }
    return layers
  }

  /// Matrix `position` of the run starting at `run`.
  ///
  /// - Parameters:
  ///   - position: The matrix's position in ``entries``.
  ///   - run: The run's first element.
  private func matrix(_ position: Int, of run: UnsafeMutablePointer<Double>) -> Matrix {
    let entry = entries[position]
    return Matrix(
      rows: entry.rows, columns: entry.columns,
      elements: Array(UnsafeBufferPointer(start: run + entry.offset, count: entry.rows * entry.columns)))
  }

  /// The parameters, by layer.
  func parameterMatrices() -> [[Matrix]] { matrices(of: parameters) }

  /// The gradients, by layer.
  func gradientMatrices() -> [[Matrix]] { matrices(of: gradients) }

  /// The optimizer's state of every matrix, by layer.
  func states() -> [[ParameterState]] {
    var layers: [[ParameterState]] = layerCounts.map { _ in [] }
    for (position, entry) in entries.enumerated() {
      let slots = (0..<slotCount).map { matrix(position, of: slotAddresses[$0]) }
      layers[entry.layer].append(ParameterState(step: steps[position], slots: slots))
    }
    return layers
  }

  /// Applies `clipping`, if any, to the gradients, then one update of the optimizer to every parameter, and counts
  /// the step.
  ///
  /// One call covers every matrix when they have all received as many updates (as they have, unless a state with
  /// different counts was loaded); otherwise one call per matrix, each with its own count.
  ///
  /// - Parameters:
  ///   - learningRate: `η` for this step.
  ///   - clipping: The limit on the gradients, if any.
  func update(learningRate: Double, clipping: GradientClipping?) {
    clipping?.apply(to: UnsafeMutableBufferPointer(start: gradients, count: count))
    let slots = UnsafeBufferPointer(start: slotAddresses, count: slotCount)
    let stepsAgree = self.stepsAgree
    steps.withUnsafeMutableBufferPointer { steps in
      guard let first = steps.first else { return }
      if stepsAgree {
        optimizer.update(
          UnsafeMutableBufferPointer(start: parameters, count: count),
          gradients: UnsafeBufferPointer(start: gradients, count: count), slots: slots, stepsTaken: first,
          learningRate: learningRate)
      } else {
        updateEach(learningRate: learningRate, steps: steps)
      }
      for position in steps.indices { steps[position] &+= 1 }
    }
  }

  /// One update of the optimizer per matrix, each with its own step count.
  ///
  /// - Parameters:
  ///   - learningRate: `η` for this step.
  ///   - steps: The matrices' step counts.
  private func updateEach(learningRate: Double, steps: UnsafeMutableBufferPointer<Int>) {
    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: max(slotCount, 1)) { table in
      for (position, entry) in entries.enumerated() {
        let size = entry.rows * entry.columns
        for slot in 0..<slotCount { table[slot] = slotAddresses[slot] + entry.offset }
        optimizer.update(
          UnsafeMutableBufferPointer(start: parameters + entry.offset, count: size),
          gradients: UnsafeBufferPointer(start: gradients + entry.offset, count: size),
          slots: UnsafeBufferPointer(rebasing: table[..<slotCount]), stepsTaken: steps[position],
          learningRate: learningRate)
      }
    }
  }
}
