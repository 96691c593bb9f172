/// An optimizer whose rule updates every element on its own, from that element's gradient and slots (every
/// built-in optimizer is one): the rule can then run over many parameter matrices stored one after another as if
/// they were one.
///
/// ```
/// θᵢ ← rule(θᵢ, ∇ᵢ, s¹ᵢ, …, sᵏᵢ; step, η)      for every element i, independently of the others
/// ```
/// A trainer that keeps a network's parameters, gradients and slots in flat buffers (the fused kernel does) calls
/// `update(_:gradients:slots:stepsTaken:learningRate:)` once per step for all of them, instead of once per
/// matrix: on a small network, the per-matrix calls were a fifth of a step. Conforming also gives
/// ``Optimizer/update(_:gradient:state:learningRate:)`` for free, by the flat rule on one matrix, so a rule is
/// written once.
///
/// A rule is written for `Double`; in a `float32` network the same rule runs by default on the elements widened to
/// `Double`, a few hundred at a time, its results rounded back (the `Float` form of `update(_:gradients:slots:stepsTaken:learningRate:)`).
/// A rule that wants to compute in `Float` itself implements that requirement too, typically by calling one generic
/// function from both.
///
/// A rule that reads more than its own element (a norm over a matrix, as LARS or LAMB take) is not elementwise:
/// conform to ``Optimizer`` alone.
public protocol ElementwiseOptimizer: Optimizer {
  /// Applies one update to `parameters`, element by element, in place.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One buffer per slot (in the order of ``Optimizer/slotNames``), each holding as many values as
  ///     `parameters`, read and written in place.
  ///   - stepsTaken: The updates these parameters have already received (0 for the first).
  ///   - learningRate: `η` for this step (the base rate, or a schedule's value).
  func update(
    _ parameters: UnsafeMutableBufferPointer<Double>, gradients: UnsafeBufferPointer<Double>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, stepsTaken: Int, learningRate: Double)

  /// Applies one update to `float32` parameters, element by element, in place.
  ///
  /// The default widens the elements to `Double` in runs of ``widenedRun``, applies the `Double` rule and rounds
  /// the parameters and slots back to nearest: the rule is written once and its `float32` results are within
  /// rounding of its `float64` ones.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One buffer per slot (in the order of ``Optimizer/slotNames``), each holding as many values as
  ///     `parameters`, read and written in place.
  ///   - stepsTaken: The updates these parameters have already received (0 for the first).
  ///   - learningRate: `η` for this step.
  func update(
    _ parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Float>>, stepsTaken: Int, learningRate: Double)
}

extension ElementwiseOptimizer {
  /// Both element types: a `float32` update runs the rule itself or, by default, on widened runs of elements.
  public var supportedElementTypes: Set<ElementType> { Set(ElementType.allCases) }

  /// The number of elements the default `float32` update widens at a time: 256.
  public static var widenedRun: Int { 256 }

  /// The `float32` update by the `Double` rule: runs of ``widenedRun`` elements are widened, updated and rounded
  /// back.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One buffer per slot, each holding as many values as `parameters`.
  ///   - stepsTaken: The updates these parameters have already received (0 for the first).
  ///   - learningRate: `η` for this step.
  public func update(
    _ parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Float>>, stepsTaken: Int, learningRate: Double
  ) {
    precondition(
      gradients.count == parameters.count,
      "\(Self.self).update: \(gradients.count) gradients for \(parameters.count) parameters")
    let run = Self.widenedRun
    let slotCount = slots.count
    withUnsafeTemporaryAllocation(of: Double.self, capacity: run * (2 + slotCount)) { scratch in
      withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: max(slotCount, 1)) { table in
        let base = scratch.baseAddress!
        for slot in 0..<slotCount { table[slot] = base + (2 + slot) * run }
        var start = 0
        while start < parameters.count {
          let length = min(run, parameters.count - start)
          for index in 0..<length {
            base[index] = Double(parameters[start + index])
            base[run + index] = Double(gradients[start + index])
            for slot in 0..<slotCount { table[slot][index] = Double(slots[slot][start + index]) }
          }
          update(
            UnsafeMutableBufferPointer(start: base, count: length),
            gradients: UnsafeBufferPointer(start: base + run, count: length),
            slots: UnsafeBufferPointer(rebasing: table[..<slotCount]), stepsTaken: stepsTaken,
            learningRate: learningRate)
          for index in 0..<length {
            parameters[start + index] = Float(base[index])
            for slot in 0..<slotCount { slots[slot][start + index] = Float(table[slot][index]) }
          }
          start += length
        }
      }
    }
  }
}

extension ElementwiseOptimizer {
  /// Applies the elementwise rule to one parameter matrix and its state, and increments `state.step`.
  ///
  /// - Parameters:
  ///   - parameter: `θ`, updated in place.
  ///   - gradient: `∇ = ∂L/∂θ`, shaped like `parameter`.
  ///   - state: This parameter's state: one slot per name in ``Optimizer/slotNames``, each shaped like `parameter`
  ///     (the rule checks their number).
  ///   - learningRate: `η` for this step.
  public func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {
    precondition(
      gradient.shape == parameter.shape,
      "\(Self.self).update: gradient \(gradient.rows)×\(gradient.columns) for a parameter "
        + "\(parameter.rows)×\(parameter.columns)")
    parameter.requireSameElementType(as: gradient, "update")
    for (index, slot) in state.slots.enumerated() {
      precondition(
        slot.shape == parameter.shape,
        "\(Self.self).update: slot \(index) is \(slot.rows)×\(slot.columns), the parameter "
          + "\(parameter.rows)×\(parameter.columns)")
      parameter.requireSameElementType(as: slot, "update")
    }
    let stepsTaken = state.step
    state.step += 1
    guard parameter.count > 0 else { return }
    switch parameter.elementType {
    case .float64:
      withBuffers(of: &parameter, gradient: gradient, slots: &state.slots, as: Double.self) {
        update(
          $0.baseAddress!, gradients: $1.baseAddress!, slots: $2, count: $0.count, stepsTaken: stepsTaken,
          learningRate: learningRate, grain: ProductTeam.elementwiseGrain)
      }
    case .float32:
      withBuffers(of: &parameter, gradient: gradient, slots: &state.slots, as: Float.self) {
        update(
          $0.baseAddress!, gradients: $1.baseAddress!, slots: $2, count: $0.count, stepsTaken: stepsTaken,
          learningRate: learningRate, grain: ProductTeam.elementwiseGrain)
      }
    }
  }

  /// Applies the rule to `count` parameters in ranges of `grain`, shared by the threads asked for
  /// (``ElementwisePass``): the rule is elementwise, so the result is the same as one call's.
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One run per slot, as long as `parameters`.
  ///   - count: The number of parameters.
  ///   - stepsTaken: The updates the parameters have already received.
  ///   - learningRate: `η`.
  ///   - grain: The parameters one thread updates at a time.
  @_spi(Internals) @inlinable public func update<Element: MatrixElement>(
    _ parameters: UnsafeMutablePointer<Element>, gradients: UnsafePointer<Element>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>, count: Int, stepsTaken: Int, learningRate: Double,
    grain: Int
  ) {
    // Unshared (one thread, an update whose buffers are too small to gain from a second core, or a team that would
    // run the ranges on the caller alone), the rule is called at once.
    guard
      ProductTeam.sharesUpdate(
        count: count, grain: grain, bytes: count &* MemoryLayout<Element>.stride &* (2 &+ slots.count)),
      let team = ProductTeam.sharingTeam()
    else {
      return applyRule(
        self, parameters, gradients: gradients, slots: slots, range: 0..<count, stepsTaken: stepsTaken,
        learningRate: learningRate)
    }
    shareUpdate(
      parameters, gradients: gradients, slots: slots, count: count, stepsTaken: stepsTaken,
      learningRate: learningRate, grain: grain, on: team)
  }

  /// Applies the rule to `count` parameters in ranges of `grain` shared by `team` (apart from
  /// ``update(_:gradients:slots:count:stepsTaken:learningRate:grain:)``, so that an update the team does not share
  /// never asks for the pass's generic type).
  ///
  /// - Parameters:
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One run per slot, as long as `parameters`.
  ///   - count: The number of parameters.
  ///   - stepsTaken: The updates the parameters have already received.
  ///   - learningRate: `η`.
  ///   - grain: The parameters one thread updates at a time.
  ///   - team: The team that shares the ranges.
  @usableFromInline func shareUpdate<Element: MatrixElement>(
    _ parameters: UnsafeMutablePointer<Element>, gradients: UnsafePointer<Element>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>, count: Int, stepsTaken: Int, learningRate: Double,
    grain: Int, on team: ProductTeam
  ) {
    ProductTeam.shareRanges(
      count: count, grain: grain,
      reaching: OptimizerPass(
        optimizer: self, parameters: parameters, gradients: gradients, slots: slots, stepsTaken: stepsTaken,
        learningRate: learningRate), on: team)
  }

  /// Calls `body` with the elements of one parameter matrix, its gradient and its slots, all `Element`s.
  private func withBuffers<Element: MatrixElement>(
    of parameter: inout Matrix, gradient: Matrix, slots: inout [Matrix], as elementType: Element.Type,
    _ body: (
      UnsafeMutableBufferPointer<Element>, UnsafeBufferPointer<Element>,
      UnsafeBufferPointer<UnsafeMutablePointer<Element>>
    ) -> Void
  ) {
    let slotCount = slots.count
    parameter.withUnsafeMutableBufferPointer(as: Element.self) { theta in
      gradient.withUnsafeBufferPointer(as: Element.self) { nabla in
        slots.withUnsafeMutableBufferPointer { slots in
          withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Element>.self, capacity: max(slotCount, 1)) {
            table in
            withSlotAddresses(slots, from: 0, into: table) {
              body(theta, nabla, UnsafeBufferPointer(rebasing: table[..<slotCount]))
            }
          }
        }
      }
    }
  }

  private func withSlotAddresses<Element: MatrixElement>(
    _ slots: UnsafeMutableBufferPointer<Matrix>, from slot: Int,
    into table: UnsafeMutableBufferPointer<UnsafeMutablePointer<Element>>, _ body: () -> Void
  ) {
    guard slot < slots.count else { return body() }
    slots[slot].withUnsafeMutableBufferPointer(as: Element.self) { values in
      table[slot] = values.baseAddress!
      withSlotAddresses(slots, from: slot + 1, into: table, body)
    }
  }
}

/// One update of an elementwise rule on a range of its runs, the slots' addresses moved to the range's start.
@usableFromInline struct OptimizerPass<Optimizer: ElementwiseOptimizer, Element: MatrixElement>: ElementwisePassBody {
  let optimizer: Optimizer
  let parameters: UnsafeMutablePointer<Element>
  let gradients: UnsafePointer<Element>
  let slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>
  let stepsTaken: Int
  let learningRate: Double

  /// The rule of `optimizer` on the runs, for ranges of them.
  @usableFromInline init(
    optimizer: Optimizer, parameters: UnsafeMutablePointer<Element>, gradients: UnsafePointer<Element>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>, stepsTaken: Int, learningRate: Double
  ) {
    self.optimizer = optimizer
    self.parameters = parameters
    self.gradients = gradients
    self.slots = slots
    self.stepsTaken = stepsTaken
    self.learningRate = learningRate
  }

  @usableFromInline func run(_ range: Range<Int>) {
    if range.lowerBound == 0 {
      return applyRule(
        optimizer, parameters, gradients: gradients, slots: slots, range: range, stepsTaken: stepsTaken,
        learningRate: learningRate)
    }
    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Element>.self, capacity: max(slots.count, 1)) { table in
      for index in slots.indices { table[index] = slots[index] + range.lowerBound }
      applyRule(
        optimizer, parameters, gradients: gradients, slots: UnsafeBufferPointer(rebasing: table[..<slots.count]),
        range: range, stepsTaken: stepsTaken, learningRate: learningRate)
    }
  }
}

/// `optimizer`'s rule on the elements `range` of the runs, `slots` already moved to the range's start, in the `Double`
/// or `Float` form.
///
/// - Parameters:
///   - optimizer: The rule.
///   - parameters: `θ`, updated in place.
///   - gradients: `∇`.
///   - slots: One run per slot, starting at `range`'s start.
///   - range: The elements.
///   - stepsTaken: The updates already received.
///   - learningRate: `η`.
@inlinable func applyRule<Optimizer: ElementwiseOptimizer, Element: MatrixElement>(
  _ optimizer: Optimizer, _ parameters: UnsafeMutablePointer<Element>, gradients: UnsafePointer<Element>,
  slots: UnsafeBufferPointer<UnsafeMutablePointer<Element>>, range: Range<Int>, stepsTaken: Int, learningRate: Double
) {
  let (start, count) = (range.lowerBound, range.count)
  let parameterBytes = UnsafeMutableRawPointer(parameters + start)
  let gradientBytes = UnsafeRawPointer(gradients + start)
  let slotAddresses = UnsafeRawPointer(slots.baseAddress)
  switch Element.elementType {
  case .float64:
    optimizer.update(
      UnsafeMutableBufferPointer(start: parameterBytes.assumingMemoryBound(to: Double.self), count: count),
      gradients: UnsafeBufferPointer(start: gradientBytes.assumingMemoryBound(to: Double.self), count: count),
      slots: UnsafeBufferPointer(
        start: slotAddresses?.assumingMemoryBound(to: UnsafeMutablePointer<Double>.self), count: slots.count),
      stepsTaken: stepsTaken, learningRate: learningRate)
  case .float32:
    optimizer.update(
      UnsafeMutableBufferPointer(start: parameterBytes.assumingMemoryBound(to: Float.self), count: count),
      gradients: UnsafeBufferPointer(start: gradientBytes.assumingMemoryBound(to: Float.self), count: count),
      slots: UnsafeBufferPointer(
        start: slotAddresses?.assumingMemoryBound(to: UnsafeMutablePointer<Float>.self), count: slots.count),
      stepsTaken: stepsTaken, learningRate: learningRate)
  }
}
