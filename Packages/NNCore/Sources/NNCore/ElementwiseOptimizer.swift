/// An optimizer whose rule updates every element on its own, from that element's gradient and slots (every
/// built-in optimizer is one): the rule can then run over many parameter matrices stored one after another as if
/// they were one.
///
/// ```
/// θᵢ ← rule(θᵢ, ∇ᵢ, s¹ᵢ, …, sᵏᵢ; step, η)      for every element i, independently of the others
/// ```
/// A trainer that keeps a network's parameters, gradients and slots in flat buffers (the fused kernel does) calls
/// ``update(_:gradients:slots:stepsTaken:learningRate:)`` once per step for all of them, instead of once per
/// matrix: on a small network, the per-matrix calls were a fifth of a step. Conforming also gives
/// ``Optimizer/update(_:gradient:state:learningRate:)`` for free, by the flat rule on one matrix, so a rule is
/// written once.
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
    for (index, slot) in state.slots.enumerated() {
      precondition(
        slot.shape == parameter.shape,
        "\(Self.self).update: slot \(index) is \(slot.rows)×\(slot.columns), the parameter "
          + "\(parameter.rows)×\(parameter.columns)")
    }
    let slotCount = state.slots.count
    let stepsTaken = state.step
    state.step += 1
    guard parameter.count > 0 else { return }
    parameter.withUnsafeMutableBufferPointer { theta in
      gradient.withUnsafeBufferPointer { nabla in
        state.slots.withUnsafeMutableBufferPointer { slots in
          withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Double>.self, capacity: max(slotCount, 1)) {
            table in
            withSlotAddresses(slots, from: 0, into: table) {
              update(
                theta, gradients: nabla, slots: UnsafeBufferPointer(rebasing: table[..<slotCount]),
                stepsTaken: stepsTaken, learningRate: learningRate)
            }
          }
        }
      }
    }
  }

  /// Runs `body` with `table[k]` holding the address of slot `k`'s elements, for every slot from `slot` on: each
  /// slot is opened in place, inside the previous one's access.
  ///
  /// - Parameters:
  ///   - slots: The state's slot matrices, none of them empty.
  ///   - slot: The next slot to open.
  ///   - table: Receives the addresses.
  ///   - body: The work done while every address is valid.
  private func withSlotAddresses(
    _ slots: UnsafeMutableBufferPointer<Matrix>, from slot: Int,
    into table: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>, _ body: () -> Void
  ) {
    guard slot < slots.count else { return body() }
    slots[slot].withUnsafeMutableBufferPointer { values in
      table[slot] = values.baseAddress!
      withSlotAddresses(slots, from: slot + 1, into: table, body)
    }
  }
}
