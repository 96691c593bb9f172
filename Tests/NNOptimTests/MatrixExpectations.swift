import NNCore
import Testing

/// Expects `matrix` to hold `expected` in row-major order, each element within `tolerance`.
///
/// - Parameters:
///   - matrix: The computed matrix.
///   - expected: The hand-computed elements.
///   - tolerance: The largest absolute difference accepted (rounding of decimal fractions in binary).
///   - sourceLocation: Where the expectation is written, for failures.
func expectElements(
  _ matrix: Matrix, _ expected: [Double], tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(matrix.count == expected.count, "element count", sourceLocation: sourceLocation)
  for (index, (actual, wanted)) in zip(matrix.elements, expected).enumerated() {
    #expect(
      abs(actual - wanted) <= tolerance, "element \(index): \(actual), expected \(wanted)",
      sourceLocation: sourceLocation)
  }
}

/// Applies `optimizer` to `parameter` once per gradient, at the optimizer's base learning rate, from fresh state.
///
/// - Parameters:
///   - optimizer: The rule.
///   - parameter: `θ`, updated in place.
///   - gradients: One gradient a step.
/// - Returns: The state after the last step.
@discardableResult
func train(_ optimizer: any Optimizer, _ parameter: inout Matrix, gradients: [Matrix]) -> ParameterState {
  var state = optimizer.makeState(for: parameter)
  for gradient in gradients {
    optimizer.update(&parameter, gradient: gradient, state: &state, learningRate: optimizer.learningRate)
  }
  return state
}
