@_spi(Internals) import NNCore

/// A network's parameters, their gradients and an elementwise optimizer's slots, each kind in one flat buffer,
/// matrix after matrix in the order of ``Sequential/parameters``, in the network's element type (`Double` or
/// `Float`):
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

  /// The room after every matrix in each run, in `float64` values: the fused kernel's single-sample step may read
  /// and write a vector of eight past a row (``FusedSingleSample``). The room holds zeros, and the parameters there
  /// have zero gradients; it is never read back into a matrix. A `float32` store leaves as many bytes (64, sixteen
  /// values).
  static let slack = 8

  /// A cache line, in bytes: every matrix starts on one, and ``slack`` fills one.
  private static let lineBytes = 64

  /// The element type of the runs.
  let elementType: ElementType
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
  private let values: UnsafeMutableRawPointer
  /// The updates each matrix has received (``ParameterState/step``). (Used by one thread at a time, as the trainer
  /// is: the dynamic exclusivity checks of a class's stored property took 1% of an online iris step.)
  @exclusivity(unchecked) private var steps: [Int]
  /// Whether every matrix has received as many updates: then one optimizer call covers them all.
  @exclusivity(unchecked) private var stepsAgree = true

  /// The parameters' run of a `float64` store.
  var parameters: UnsafeMutablePointer<Double> { run(0, as: Double.self) }
  /// The gradients' run of a `float64` store.
  var gradients: UnsafeMutablePointer<Double> { run(1, as: Double.self) }
  /// The address of the parameters' run, of either element type.
  var parameterBytes: UnsafeMutableRawPointer { values }
  /// The address of the gradients' run, of either element type.
  var gradientBytes: UnsafeMutableRawPointer { values + count &* elementType.bytesPerElement }

  /// Run `index` (0 the parameters, 1 the gradients, `2 + s` slot `s`) as `Element`s, the store's element type.
  ///
  /// - Parameters:
  ///   - index: The run.
  ///   - type: `Double.self` or `Float.self`.
  @inline(__always)
  func run<Element: FlatParameterElement>(_ index: Int, as type: Element.Type) -> UnsafeMutablePointer<Element> {
    (values + index &* count &* MemoryLayout<Element>.stride).assumingMemoryBound(to: Element.self)
  }

  /// A store for parameters shaped like `parameters`, in their element type, with the slots of `optimizer`, all
  /// zero.
  ///
  /// - Parameters:
  ///   - parameters: The network's parameters, by layer (only their shapes and element type are read).
  ///   - optimizer: The update rule.
  init(shapedLike parameters: [[Matrix]], optimizer: any ElementwiseOptimizer) {
    let elementType = parameters.lazy.joined().first?.elementType ?? .float64
    let line = Self.lineBytes / elementType.bytesPerElement
    let slotCount = optimizer.slotNames.count
    var entries: [Entry] = []
    var offset = 0
    for (layer, matrices) in parameters.enumerated() {
      for (index, matrix) in matrices.enumerated() {
        entries.append(Entry(layer: layer, index: index, rows: matrix.rows, columns: matrix.columns, offset: offset))
        // Each matrix starts on a cache line (the runs do) and is followed by at least a line of room.
        offset += (matrix.count + line - 1) / line * line + line
      }
    }
    self.elementType = elementType
    self.entries = entries
    layerCounts = parameters.map(\.count)
    count = offset
    self.optimizer = optimizer
    self.slotCount = slotCount
    let bytes = max((2 + slotCount) * offset, 1) * elementType.bytesPerElement
    values = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.lineBytes)
    switch elementType {
    case .float64: values.initializeMemory(as: Double.self, repeating: 0, count: bytes / 8)
    case .float32: values.initializeMemory(as: Float.self, repeating: 0, count: bytes / 4)
    }
    steps = Array(repeating: 0, count: entries.count)
  }

  deinit {
    values.deallocate()
  }

  /// A store holding the same values.
  func copy() -> FlatParameterStore {
    let copy = FlatParameterStore(shapes: self)
    copy.values.copyMemory(from: values, byteCount: (2 + slotCount) * count * elementType.bytesPerElement)
    copy.steps = steps
    copy.stepsAgree = stepsAgree
    return copy
  }

  /// An empty store laid out like `other`.
  private convenience init(shapes other: FlatParameterStore) {
    var parameters: [[Matrix]] = other.layerCounts.map { _ in [] }
    for entry in other.entries {
      parameters[entry.layer].append(Matrix(rows: entry.rows, columns: entry.columns, elementType: other.elementType))
    }
    self.init(shapedLike: parameters, optimizer: other.optimizer)
  }

  /// Copies `parameters` in.
  ///
  /// - Parameter parameters: Shaped like the store's matrices, in its element type.
  func load(parameters: [[Matrix]]) {
    switch elementType {
    case .float64: load(parameters, as: Double.self)
    case .float32: load(parameters, as: Float.self)
    }
  }

  /// Copies `parameters`, matrices of `Element`s, into the parameters' run.
  ///
  /// - Parameters:
  ///   - parameters: Shaped like the store's matrices.
  ///   - type: The store's element type.
  private func load<Element: FlatParameterElement>(_ parameters: [[Matrix]], as type: Element.Type) {
    let run = run(0, as: Element.self)
    for entry in entries {
      let matrix = parameters[entry.layer][entry.index]
      precondition(matrix.rows == entry.rows && matrix.columns == entry.columns, "parameter shape changed")
      matrix.withUnsafeBufferPointer(as: Element.self) { source in
        if let base = source.baseAddress { (run + entry.offset).update(from: base, count: source.count) }
      }
    }
  }

  /// Copies the step counts and slots of `states` in.
  ///
  /// - Parameter states: One state per matrix, by layer, each with ``slotCount`` slots shaped like its matrix.
  func load(states: [[ParameterState]]) {
    switch elementType {
    case .float64: load(states, as: Double.self)
    case .float32: load(states, as: Float.self)
    }
  }

  /// Copies the step counts, and the slots (matrices of `Element`s) into the slots' runs.
  ///
  /// - Parameters:
  ///   - states: One state per matrix, by layer.
  ///   - type: The store's element type.
  private func load<Element: FlatParameterElement>(_ states: [[ParameterState]], as type: Element.Type) {
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
        matrix.converted(to: elementType).withUnsafeBufferPointer(as: Element.self) { source in
          if let base = source.baseAddress {
            (run(2 + slot, as: Element.self) + entry.offset).update(from: base, count: source.count)
          }
        }
      }
    }
  }

  /// The matrices of run `index`, by layer.
  ///
  /// - Parameter index: The run (0 the parameters, 1 the gradients, `2 + s` slot `s`).
  private func matrices(ofRun index: Int) -> [[Matrix]] {
    var layers: [[Matrix]] = layerCounts.map { _ in [] }
    for (position, entry) in entries.enumerated() {
      layers[entry.layer].append(matrix(position, ofRun: index))
    }
    return layers
  }

  /// Matrix `position` of run `index`, in the store's element type.
  ///
  /// - Parameters:
  ///   - position: The matrix's position in ``entries``.
  ///   - index: The run.
  private func matrix(_ position: Int, ofRun index: Int) -> Matrix {
    switch elementType {
    case .float64: matrix(position, ofRun: index, as: Double.self)
    case .float32: matrix(position, ofRun: index, as: Float.self)
    }
  }

  /// Matrix `position` of run `index`, of `Element`s.
  ///
  /// - Parameters:
  ///   - position: The matrix's position in ``entries``.
  ///   - index: The run.
  ///   - type: The store's element type.
  private func matrix<Element: FlatParameterElement>(
    _ position: Int, ofRun index: Int, as type: Element.Type
  ) -> Matrix {
    let entry = entries[position]
    return Matrix(
      rows: entry.rows, columns: entry.columns,
      elements: Array(
        UnsafeBufferPointer(start: run(index, as: Element.self) + entry.offset, count: entry.rows * entry.columns)))
  }

  /// The parameters, by layer.
  func parameterMatrices() -> [[Matrix]] { matrices(ofRun: 0) }

  /// The gradients, by layer.
  func gradientMatrices() -> [[Matrix]] { matrices(ofRun: 1) }

  /// The optimizer's state of every matrix, by layer.
  func states() -> [[ParameterState]] {
    var layers: [[ParameterState]] = layerCounts.map { _ in [] }
    for (position, entry) in entries.enumerated() {
      let slots = (0..<slotCount).map { matrix(position, ofRun: 2 + $0) }
      layers[entry.layer].append(ParameterState(step: steps[position], slots: slots))
    }
    return layers
  }

  /// Applies `clipping`, if any, to the gradients, then one update of the optimizer to every parameter, and counts
  /// the step; only counts it when the step's passes applied the update (``updatedDuringPasses``).
  ///
  /// One call covers every matrix when they have all received as many updates (as they have, unless a state with
  /// different counts was loaded); otherwise one call per matrix, each with its own count.
  ///
  /// - Parameters:
  ///   - learningRate: `η` for this step.
  ///   - clipping: The limit on the gradients, if any.
  func update(learningRate: Double, clipping: GradientClipping?) {
    if updatedDuringPasses {
      assert(clipping == nil, "an update applied during the passes has no clipping")
      updatedDuringPasses = false
      steps.withUnsafeMutableBufferPointer { steps in
        for position in steps.indices { steps[position] &+= 1 }
      }
      return
    }
    switch elementType {
    case .float64: update(Double.self, learningRate: learningRate, clipping: clipping)
    case .float32: update(Float.self, learningRate: learningRate, clipping: clipping)
    }
  }

  /// ``update(learningRate:clipping:)`` on runs of `Element`s.
  ///
  /// - Parameters:
  ///   - type: The store's element type.
  ///   - learningRate: `η` for this step.
  ///   - clipping: The limit on the gradients, if any.
  private func update<Element: FlatParameterElement>(
    _ type: Element.Type, learningRate: Double, clipping: GradientClipping?
  ) {
    let parameters = run(0, as: Element.self)
    let gradients = run(1, as: Element.self)
    if let clipping { Element.clip(clipping, UnsafeMutableBufferPointer(start: gradients, count: count)) }
    let stepsAgree = self.stepsAgree
    let slotCount = self.slotCount
    let count = self.count
    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Element>.self, capacity: max(slotCount, 1)) { table in
      for slot in 0..<slotCount { table[slot] = run(2 + slot, as: Element.self) }
      let slots = UnsafeBufferPointer(rebasing: table[..<slotCount])
      steps.withUnsafeMutableBufferPointer { steps in
        // `steps[0]` rather than `steps.first`: unspecialised, in a debug build, `first` allocated at every step.
        guard steps.count > 0 else { return }
        let first = steps[0]
        if stepsAgree {
          if count >= 2 * updateGrain && BLAS.threadCount > 1 {
            // The rule is elementwise: ranges updated on several threads give the same result as one call.
            optimizer.update(
              parameters, gradients: gradients, slots: slots, count: count, stepsTaken: first,
              learningRate: learningRate, grain: updateGrain)
          } else {
            // One call, with the element type known here (the generic path's type lookups took 2% of an iris step).
            Element.update(
              optimizer, UnsafeMutableBufferPointer(start: parameters, count: count),
              gradients: UnsafeBufferPointer(start: gradients, count: count), slots: slots, stepsTaken: first,
              learningRate: learningRate)
          }
        } else {
          updateEach(learningRate: learningRate, steps: steps, slots: slots)
        }
        for position in steps.indices { steps[position] &+= 1 }
      }
    }
  }

  /// Whether every matrix has received as many updates, so that the update can be applied to any range of the runs
  /// with one step count (``update(range:learningRate:)``).
  var updatesInRanges: Bool { stepsAgree }

  /// Whether the update of the step being run was applied during its passes, range by range
  /// (``update(range:learningRate:)``, ``FusedPassUpdate``): ``update(learningRate:clipping:)`` then only counts the
  /// step.
  @exclusivity(unchecked) var updatedDuringPasses = false

  /// Applies the optimizer's rule to the elements `range` of the runs (those parameters, their gradients and slots),
  /// with the step count every matrix shares, on the calling thread; counts no step.
  ///
  /// The rule is elementwise, so ranges that cover the runs give what one update of the whole runs gives, to the
  /// bit, whichever threads apply them; two threads may update disjoint ranges at once. Only while
  /// ``updatesInRanges``.
  ///
  /// - Parameters:
  ///   - range: Elements of the runs, within `0..<count`.
  ///   - learningRate: `η` for this step.
  func update(range: Range<Int>, learningRate: Double) {
    guard !range.isEmpty else { return }
    switch elementType {
    case .float64: update(Double.self, range: range, learningRate: learningRate)
    case .float32: update(Float.self, range: range, learningRate: learningRate)
    }
  }

  /// ``update(range:learningRate:)`` on runs of `Element`s.
  ///
  /// - Parameters:
  ///   - type: The store's element type.
  ///   - range: Elements of the runs.
  ///   - learningRate: `η` for this step.
  private func update<Element: FlatParameterElement>(_ type: Element.Type, range: Range<Int>, learningRate: Double) {
    let (start, length, slotCount) = (range.lowerBound, range.count, self.slotCount)
    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Element>.self, capacity: max(slotCount, 1)) { table in
      for slot in 0..<slotCount { table[slot] = run(2 &+ slot, as: Element.self) + start }
      Element.update(
        optimizer, UnsafeMutableBufferPointer(start: run(0, as: Element.self) + start, count: length),
        gradients: UnsafeBufferPointer(start: run(1, as: Element.self) + start, count: length),
        slots: UnsafeBufferPointer(rebasing: table[..<slotCount]), stepsTaken: steps[0], learningRate: learningRate)
    }
  }

  /// The parameters one thread updates at a time when threads were asked for: ``ElementwisePass/grain`` unless the
  /// kernel that fills the gradients shares its batches (``FusedBatchParts/updateGrain(parts:)``).
  var updateGrain = ElementwisePass.grain

  /// One update of the optimizer per matrix, each with its own step count.
  ///
  /// - Parameters:
  ///   - learningRate: `η` for this step.
  ///   - steps: The matrices' step counts.
  ///   - slots: The slots' runs.
  private func updateEach<Element: FlatParameterElement>(
    learningRate: Double, steps: UnsafeMutableBufferPointer<Int>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>
  ) {
    let parameters = run(0, as: Element.self)
    let gradients = run(1, as: Element.self)
    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Element>.self, capacity: max(slotCount, 1)) { table in
      for (position, entry) in entries.enumerated() {
        let size = entry.rows * entry.columns
        for slot in 0..<slotCount { table[slot] = slots[slot] + entry.offset }
        optimizer.update(
          parameters + entry.offset, gradients: gradients + entry.offset,
          slots: UnsafeBufferPointer(rebasing: table[..<slotCount]), count: size, stepsTaken: steps[position],
          learningRate: learningRate, grain: updateGrain)
      }
    }
  }
}
