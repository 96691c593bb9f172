import NNCore
import NNOptim
import Testing

/// The elementwise rules over flat buffers: updating matrices stored one after another in one run equals updating
/// each matrix on its own, to the bit, for every built-in optimizer and over several steps.
@Suite("Elementwise optimizers")
struct ElementwiseOptimizerTests {
  /// Every built-in optimizer, in the settings that change its arithmetic.
  static let specifications = [
    "sgd(learning_rate=0.1)", "sgd(learning_rate=0.1, weight_decay=0.01)",
    "momentum(learning_rate=0.1, momentum=0.9, dampening=0.3, weight_decay=0.01)", "momentum(momentum=0)",
    "nesterov(learning_rate=0.05, momentum=0.8)", "adam(learning_rate=0.01, weight_decay=0.1)",
    "adam(amsgrad=true)", "adamw(learning_rate=0.01, weight_decay=0.1)",
    "rmsprop(learning_rate=0.01, momentum=0.5, centered=true, weight_decay=0.01)", "rmsprop(learning_rate=0.01)",
    "adagrad(learning_rate=0.1, learning_rate_decay=0.01, initial_accumulator_value=0.2)",
  ]

  /// Matrices of the given shapes, filled from a seeded source.
  private func matrices(_ shapes: [(Int, Int)], random: RandomSource, scale: Double) -> [Matrix] {
    shapes.map { shape in
      var matrix = Matrix(rows: shape.0, columns: shape.1)
      for row in 0..<shape.0 {
        for column in 0..<shape.1 { matrix[row, column] = random.uniform(from: -scale, to: scale) }
      }
      return matrix
    }
  }

  @Test("one flat call over every matrix equals one call per matrix", arguments: specifications)
  func flatEqualsPerMatrix(specification: String) throws {
    let optimizer = try Registry(plugins: [NNOptimPlugin.self]).optimizer(specification)
    let elementwise = try #require(optimizer as? any ElementwiseOptimizer, "\(specification) is elementwise")
    let random = RandomSource(seed: 4)
    let shapes = [(3, 4), (1, 4), (5, 2)]
    var parameters = matrices(shapes, random: random, scale: 1)
    var states = parameters.map(optimizer.makeState(for:))
    // The same values and slots in runs of every matrix one after another.
    var flatParameters = parameters.flatMap(\.elements)
    let slotCount = optimizer.slotNames.count
    let count = flatParameters.count
    let flatSlots = (0..<slotCount).map { slot in
      let run = UnsafeMutablePointer<Double>.allocate(capacity: count)
      run.initialize(from: states.flatMap { $0.slots[slot].elements }, count: count)
      return run
    }
    defer { for run in flatSlots { run.deallocate() } }
    for step in 0..<4 {
      let gradients = matrices(shapes, random: random, scale: 2)
      for index in parameters.indices {
        optimizer.update(
          &parameters[index], gradient: gradients[index], state: &states[index], learningRate: 0.02 * Double(step + 1))
      }
      let flatGradients = gradients.flatMap(\.elements)
      flatParameters.withUnsafeMutableBufferPointer { values in
        flatGradients.withUnsafeBufferPointer { directions in
          flatSlots.withUnsafeBufferPointer { slots in
            elementwise.update(
              values, gradients: directions, slots: slots, stepsTaken: step, learningRate: 0.02 * Double(step + 1))
          }
        }
      }
      #expect(flatParameters == parameters.flatMap(\.elements), "\(specification) after step \(step + 1)")
      for slot in 0..<slotCount {
        let run = Array(UnsafeBufferPointer(start: flatSlots[slot], count: count))
        #expect(run == states.flatMap { $0.slots[slot].elements }, "\(specification) slot \(slot)")
      }
      #expect(states.allSatisfy { $0.step == step + 1 })
    }
  }

  @Test("SGD over a flat run, worked by hand")
  func handWorkedSGD() throws {
    // θ ← θ − η (∇ + λθ) with η = 0.5, λ = 0.1: θ = 2, ∇ = 1 → 2 − 0.5 · 1.2 = 1.4; θ = −1, ∇ = 0.5 →
    // −1 − 0.5 · 0.4 = −1.2. Nine more elements past the first eight-element vector take the one-at-a-time loop.
    let optimizer = try SGD(learningRate: 0.5, weightDecay: 0.1)
    var values = [Double](repeating: 2, count: 9) + [-1]
    let gradients = [Double](repeating: 1, count: 9) + [0.5]
    values.withUnsafeMutableBufferPointer { theta in
      gradients.withUnsafeBufferPointer { nabla in
        optimizer.update(
          theta, gradients: nabla, slots: UnsafeBufferPointer(start: nil, count: 0), stepsTaken: 0, learningRate: 0.5)
      }
    }
    for value in values.prefix(9) { #expect(abs(value - 1.4) < 1e-15) }
    #expect(abs(values[9] + 1.2) < 1e-15)
  }
}
