import NNCore
import NNOptim
import Testing

/// A rule written for `Double` alone: `θ ← θ − η (∇ + s)`, `s ← ∇ / 3`.
private struct ThirdsDescent: ElementwiseOptimizer {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "thirds_descent") }
  var learningRate: Double { 0.1 }
  var slotNames: [String] { ["carry"] }
  func update(
    _ parameters: UnsafeMutableBufferPointer<Double>, gradients: UnsafeBufferPointer<Double>,
    slots: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, stepsTaken: Int, learningRate: Double
  ) {
    for index in parameters.indices {
      parameters[index] -= learningRate * (gradients[index] + slots[0][index])
      slots[0][index] = gradients[index] / 3
    }
  }
}

/// Optimizers on `float32` parameters: the built-in rules in `Float`, and a `Double` rule through widened runs.
@Suite("Float32 optimizers")
struct Float32OptimizerTests {
  private func matrix(rows: Int, columns: Int, random: RandomSource) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows { for column in 0..<columns { matrix[row, column] = random.uniform(from: -1, to: 1) } }
    return matrix.converted(to: .float32)
  }

  @Test(
    "each built-in rule in float32 follows its float64 run from the same values to float32 accuracy",
    arguments: ElementwiseOptimizerTests.specifications)
  func builtIn(specification: String) throws {
    let optimizer = try Registry(plugins: [NNOptimPlugin.self]).optimizer(specification)
    #expect(optimizer.supportedElementTypes == [.float64, .float32])
    let random = RandomSource(seed: 9)
    var single = matrix(rows: 7, columns: 13, random: random)
    var double = single.converted(to: .float64)
    var singleState = optimizer.makeState(for: single)
    var doubleState = optimizer.makeState(for: double)
    #expect(singleState.slots.allSatisfy { $0.elementType == .float32 })
    for _ in 0..<5 {
      let gradient = matrix(rows: 7, columns: 13, random: random)
      optimizer.update(&single, gradient: gradient, state: &singleState, learningRate: optimizer.learningRate)
      optimizer.update(
        &double, gradient: gradient.converted(to: .float64), state: &doubleState,
        learningRate: optimizer.learningRate)
    }
    #expect(single.elementType == .float32)
    // Five steps of a handful of rounded operations each on values of order one: well under 1e-5, and any rule
    // computed on wrong elements or constants is off by far more.
    for (a, b) in zip(single.elements, double.elements) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
  }

  @Test("a rule written for Double updates float32 parameters through widened runs, exactly rounded")
  func widened() {
    let random = RandomSource(seed: 4)
    // 600 elements: three runs of the default 256, the last one partial.
    var parameter = matrix(rows: 20, columns: 30, random: random)
    let gradient = matrix(rows: 20, columns: 30, random: random)
    let optimizer = ThirdsDescent()
    #expect(optimizer.supportedElementTypes.contains(.float32))
    var state = optimizer.makeState(for: parameter)
    let start = parameter.elementArray(as: Float.self)
    for _ in 0..<2 {
      optimizer.update(&parameter, gradient: gradient, state: &state, learningRate: 0.1)
    }
    let nabla = gradient.elementArray(as: Float.self)
    for index in 0..<600 {
      // Step 1 from s = 0; step 2 with s = ∇/3 rounded to float32, each result rounded to float32.
      let first = Float(Double(start[index]) - 0.1 * Double(nabla[index]))
      let carry = Float(Double(nabla[index]) / 3)
      let second = Float(Double(first) - 0.1 * (Double(nabla[index]) + Double(carry)))
      #expect(parameter.elementArray(as: Float.self)[index] == second)
      #expect(state.slots[0].elementArray(as: Float.self)[index] == carry)
    }
    #expect(state.step == 2)
  }
}
