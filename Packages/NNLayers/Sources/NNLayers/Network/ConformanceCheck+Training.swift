import Foundation
import NNCore

extension ConformanceCheck {
  /// Lookup, round trip, state, descent and the state round trip of an optimizer, and its `float32` updates when it
  /// updates `float32` parameters.
  func optimizerChecks(_ request: ComponentRequest) -> [ConformanceReport.Check] {
    var (component, checks) = made(request, as: .optimizer) { try registry.optimizer($0) }
    guard let optimizer = component as? any Optimizer else { return checks }
    let text = optimizer.configuration.description
    let issue = stateProblem(optimizer)
    checks.append(
      check(
        .optimizer, text, "state", passed: issue == nil,
        issue ?? "step 0 and one zero slot per name, shaped like the parameter; an update counts its step"))
    guard issue == nil else { return checks }
    checks.append(descent(request))
    checks.append(stateRoundTrip(optimizer))
    if optimizer.supportedElementTypes.contains(.float32) { checks.append(optimizerFloat32Check(optimizer)) }
    return checks
  }

  /// Lookup, round trip, filling and reproducibility of an initializer.
  func initializerChecks(_ request: ComponentRequest) -> [ConformanceReport.Check] {
    var (component, checks) = made(request, as: .initializer) { try registry.initializer($0) }
    guard let initializer = component as? any Initializer else { return checks }
    let text = initializer.configuration.description
    var issue: String?
    for (rows, columns) in [(6, 5), (1, 7), (8, 3)] where issue == nil {
      var matrix = Matrix(rows: rows, columns: columns, repeating: .nan)
      initializer.initialize(&matrix, fanIn: rows, fanOut: columns, random: RandomSource(seed: 21))
      issue = problem(matrix, rows: rows, columns: columns, "a \(rows)×\(columns) matrix")
    }
    checks.append(
      check(
        .initializer, text, "fills its matrix", passed: issue == nil,
        issue ?? "6×5, 1×7 and 8×3 matrices filled with finite values"))
    var first = Matrix(rows: 6, columns: 5, repeating: .nan)
    var second = Matrix(rows: 6, columns: 5, repeating: .nan)
    initializer.initialize(&first, fanIn: 6, fanOut: 5, random: RandomSource(seed: 22))
    initializer.initialize(&second, fanIn: 6, fanOut: 5, random: RandomSource(seed: 22))
    let same = first.rows == second.rows && first.columns == second.columns && first.elements == second.elements
    checks.append(
      check(
        .initializer, text, "reproducible", passed: same,
        same ? "the same seed gives the same values" : "the same seed gives different values"))
    return checks
  }

  /// What is wrong with an optimizer's fresh state or its first update of a 2×3 parameter, or `nil`.
  private func stateProblem(_ optimizer: any Optimizer) -> String? {
    let names = optimizer.slotNames
    if Set(names).count != names.count { return "its slot names repeat: \(names.joined(separator: ", "))" }
    var parameter = Matrix([[1, -2, 3], [0.5, 0, -1]])
    var state = optimizer.makeState(for: parameter)
    if state.step != 0 { return "fresh state is at step \(state.step), not 0" }
    if state.slots.count != names.count { return "fresh state has \(state.slots.count) slots for \(names.count) names" }
    for (name, slot) in zip(names, state.slots) {
      if slot.rows != 2 || slot.columns != 3 { return "slot '\(name)' is \(slot.rows)×\(slot.columns), not 2×3" }
      if slot.elements.contains(where: { $0 != 0 }) { return "slot '\(name)' does not start at zero" }
    }
    optimizer.update(&parameter, gradient: parameter, state: &state, learningRate: optimizer.learningRate)
    if state.step != 1 { return "after one update the state is at step \(state.step), not 1" }
    return problem(parameter, rows: 2, columns: 3, "the updated parameter")
  }

  /// 100 steps on `L(θ) = ½‖θ − c‖²` from `θ = 0`, at learning rate 0.01 when the optimizer takes one.
  private func descent(_ request: ComponentRequest) -> ConformanceReport.Check {
    var request = request
    if registry.parameters(of: request.name, kind: .optimizer).contains(where: { $0.name == "learning_rate" }) {
      request.named["learning_rate"] = .number(0.01)
    }
    let optimizer: any Optimizer
    do { optimizer = try registry.optimizer(request) } catch {
      return check(.optimizer, request.description, "descent", passed: false, "cannot be made: \(error)")
    }
    let text = optimizer.configuration.description
    let center = Matrix([[1, -2], [3, 0.5]])
    func loss(_ theta: Matrix) -> Double {
      zip(theta.elements, center.elements).reduce(0) { $0 + 0.5 * ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    var parameter = Matrix(rows: 2, columns: 2)
    var state = optimizer.makeState(for: parameter)
    let start = loss(parameter)
    for _ in 0..<100 {
      var gradient = parameter
      gradient.add(center, scaledBy: -1)
      optimizer.update(&parameter, gradient: gradient, state: &state, learningRate: optimizer.learningRate)
    }
    let end = loss(parameter)
    return check(
      .optimizer, text, "descent", passed: end < start,
      "100 steps take ½‖θ − c‖² from \(start) to \(end)" + (end < start ? "" : ", not lower"))
  }

  /// Three steps, the state saved as a model file stores it and read back into an optimizer made again from its
  /// configuration, three more steps: compared with six uninterrupted steps.
  private func stateRoundTrip(_ optimizer: any Optimizer) -> ConformanceReport.Check {
    let text = optimizer.configuration.description
    let source = RandomSource(seed: 8)
    let gradients = (0..<6).map { _ in self.gradients.random(rows: 2, columns: 3, source) }
    let start = self.gradients.random(rows: 2, columns: 3, source)
    func steps(
      _ range: Range<Int>, _ optimizer: any Optimizer, _ parameter: inout Matrix, _ state: inout ParameterState
    ) {
      for index in range {
        optimizer.update(&parameter, gradient: gradients[index], state: &state, learningRate: optimizer.learningRate)
      }
    }
    var uninterrupted = start
    var uninterruptedState = optimizer.makeState(for: start)
    steps(0..<6, optimizer, &uninterrupted, &uninterruptedState)
    var resumed = start
    var state = optimizer.makeState(for: start)
    steps(0..<3, optimizer, &resumed, &state)
    do {
      let stored = StoredParameterState(
        step: state.step, slots: Dictionary(uniqueKeysWithValues: zip(optimizer.slotNames, state.slots)))
      let read = try JSONDecoder().decode(StoredParameterState.self, from: JSONEncoder().encode(stored))
      let again = try registry.optimizer(optimizer.configuration.request)
      var restored = ParameterState(step: read.step, slots: again.slotNames.compactMap { read.slots[$0] })
      guard restored.slots.count == again.slotNames.count else {
        return check(
          .optimizer, text, "state round trip", passed: false,
          "the optimizer made again has slots [\(again.slotNames.joined(separator: ", "))], the saved state "
            + "[\(read.slots.keys.sorted().joined(separator: ", "))]")
      }
      steps(3..<6, again, &resumed, &restored)
      guard restored.step == uninterruptedState.step else {
        return check(
          .optimizer, text, "state round trip", passed: false,
          "resumed at step \(restored.step), uninterrupted at step \(uninterruptedState.step)")
      }
    } catch {
      return check(.optimizer, text, "state round trip", passed: false, "the state does not round-trip: \(error)")
    }
    return measured(
      .optimizer, text, "state round trip", error: FiniteDifference.maximumRelativeError(resumed, uninterrupted),
      "3 steps, state saved and read into a new optimizer, 3 more steps: as 6 uninterrupted steps")
  }
}
