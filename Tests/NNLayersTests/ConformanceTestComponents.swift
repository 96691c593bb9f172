import NNCore
import NNLayers

// Components a package of its own might register: one correct layer with parameters of every role, and
// deliberately wrong ones, each breaking one rule the conformance check must catch.

/// `y = (x·W) ⊙ γ + β`: a dense product with a per-unit gain `γ` (starting at ones) and shift `β` (starting at
/// 0.25), so its parameters cover every ``ParameterRole``.
struct GainDense: Layer {
  let units: Int

  var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "gain_dense", arguments: ["units": .integer(units)])
  }

  func outputWidth(inputWidth: Int) throws -> Int { units }

  func parameterShapes(inputWidth: Int) -> [ParameterShape] {
    [
      ParameterShape(name: "weight", rows: inputWidth, columns: units, fanIn: inputWidth, fanOut: units, role: .weight),
      ParameterShape(name: "gain", rows: 1, columns: units, fanIn: 1, fanOut: 1, role: .ones),
      ParameterShape(name: "shift", rows: 1, columns: units, fanIn: 1, fanOut: 1, role: .constant(0.25)),
    ]
  }

  /// `x·W`, row by row.
  private func product(_ input: Matrix, _ weight: Matrix) -> Matrix {
    var result = Matrix(rows: input.rows, columns: units)
    for row in 0..<input.rows {
      for unit in 0..<units {
        result[row, unit] = (0..<input.columns).reduce(0) { $0 + input[row, $1] * weight[$1, unit] }
      }
    }
    return result
  }

  func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    let linear = product(input, parameters[0])
    for row in 0..<input.rows {
      for unit in 0..<units { output[row, unit] = linear[row, unit] * parameters[1][0, unit] + parameters[2][0, unit] }
    }
  }

  // ∂L/∂W = xᵀ(g ⊙ γ), ∂L/∂γ = Σ_rows (x·W) ⊙ g, ∂L/∂β = Σ_rows g, ∂L/∂x = (g ⊙ γ)·Wᵀ.
  func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    let linear = product(input, parameters[0])
    for index in parameterGradients.indices { parameterGradients[index].fill(0) }
    for row in 0..<input.rows {
      for unit in 0..<units {
        let scaled = outputGradient[row, unit] * parameters[1][0, unit]
        parameterGradients[1][0, unit] += linear[row, unit] * outputGradient[row, unit]
        parameterGradients[2][0, unit] += outputGradient[row, unit]
        for column in 0..<input.columns { parameterGradients[0][column, unit] += input[row, column] * scaled }
      }
      if computeInputGradient {
        for column in 0..<input.columns {
          inputGradient[row, column] = (0..<units).reduce(0) {
            $0 + outputGradient[row, $1] * parameters[1][0, $1] * parameters[0][column, $1]
          }
        }
      }
    }
  }
}

/// Softsign `x/(1+|x|)` with a wrong derivative: `1/(1+|x|)` instead of `1/(1+|x|)²`.
struct MiscalculatedSoftsign: Activation {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "miscalculated_softsign") }

  func forward(_ input: Matrix, into output: inout Matrix) {
    output.withUnsafeMutableBufferPointer { target in
      for (index, value) in input.elements.enumerated() { target[index] = value / (1 + abs(value)) }
    }
  }

  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    inputGradient.withUnsafeMutableBufferPointer { target in
      for index in target.indices {
        target[index] = outputGradient.elements[index] / (1 + abs(input.elements[index]))
      }
    }
  }
}

/// `2x`, declared to compute in `float32` too, whose `float32` path multiplies by 2.001: right in `float64`, wrong
/// by 5e-4 in `float32`.
struct CarelessDoubling: Activation {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "careless_doubling") }
  var supportedElementTypes: Set<ElementType> { [.float64, .float32] }

  func forward(_ input: Matrix, into output: inout Matrix) {
    let factor = input.elementType == .float32 ? 2.001 : 2
    for row in 0..<input.rows {
      for column in 0..<input.columns { output[row, column] = factor * input[row, column] }
    }
  }

  func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    for row in 0..<input.rows {
      for column in 0..<input.columns { inputGradient[row, column] = 2 * outputGradient[row, column] }
    }
  }
}

/// Squared error that forgets to save its reduction, so its configuration does not round-trip.
struct ForgetfulSquaredError: Loss {
  let reduction: Reduction

  var configuration: ComponentConfiguration { ComponentConfiguration(name: "forgetful_mse") }

  func value(predictions: Matrix, targets: Matrix) -> Double {
    let sum = zip(predictions.elements, targets.elements).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return reduction == .sum ? sum : sum / Double(predictions.count)
  }

  func gradient(predictions: Matrix, targets: Matrix, into gradient: inout Matrix) -> Double {
    let scale = reduction == .sum ? 2 : 2 / Double(predictions.count)
    gradient.withUnsafeMutableBufferPointer { target in
      for index in target.indices { target[index] = scale * (predictions.elements[index] - targets.elements[index]) }
    }
    return value(predictions: predictions, targets: targets)
  }
}

/// Gradient descent that names a velocity slot but makes no state for it.
struct SlotlessDescent: Optimizer {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "slotless_descent") }
  var learningRate: Double { 0.1 }
  var slotNames: [String] { ["velocity"] }

  func makeState(for parameter: Matrix) -> ParameterState { ParameterState(slots: []) }

  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {
    parameter.add(gradient, scaledBy: -learningRate)
    state.step += 1
  }
}

/// Registers ``GainDense`` as `gain_dense(units)`.
enum GainLayerPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(
      layer: ComponentEntry(
        name: "gain_dense", summary: "(x·W) ⊙ γ + β",
        parameters: [ParameterDeclaration("units", .integer, summary: "outputs")]
      ) { arguments in GainDense(units: try arguments.integer("units")) })
  }
}

/// Registers the deliberately wrong components.
enum MiscalculatedPlugin: Plugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(
      activation: ComponentEntry(name: "miscalculated_softsign", summary: "x/(1+|x|), wrong derivative") { _ in
        MiscalculatedSoftsign()
      })
    registrar.register(
      activation: ComponentEntry(name: "careless_doubling", summary: "2x, wrong in float32") { _ in
        CarelessDoubling()
      })
    registrar.register(
      loss: ComponentEntry(
        name: "forgetful_mse", summary: "squared error that does not save its reduction",
        parameters: [ParameterDeclaration("reduction", .text, default: .text("mean"), summary: "mean or sum")]
      ) { arguments in ForgetfulSquaredError(reduction: Reduction(rawValue: try arguments.text("reduction")) ?? .mean) }
    )
    registrar.register(
      optimizer: ComponentEntry(name: "slotless_descent", summary: "descent without its slot") { _ in SlotlessDescent()
      })
  }
}
