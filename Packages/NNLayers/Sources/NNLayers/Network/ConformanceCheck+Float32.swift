import NNCore

extension ConformanceCheck {
  /// The largest difference between a component's `float32` results and its `float64` results from the same
  /// (rounded) inputs that passes, relative to the largest `float64` result: 1e-5, about 170 units of float32
  /// rounding (`u = 2⁻²⁴ ≈ 6e-8`), room for a few dozen rounded operations per value and none for a wrong
  /// conversion or a lost term.
  static let float32Limit = 1e-5

  /// The `float32` check of an activation that declares it computes in `float32`: forward and backward on a 3×5
  /// batch rounded to `float32`, against the same computed in `float64` from the rounded values.
  func activationFloat32Check(_ activation: any Activation) -> ConformanceReport.Check {
    let text = activation.configuration.description
    let source = RandomSource(seed: 15)
    let input = gradients.random(rows: 3, columns: 5, source).converted(to: .float32)
    let upstream = gradients.random(rows: 3, columns: 5, source).converted(to: .float32)
    func run(_ type: ElementType) -> [Matrix] {
      let input = input.converted(to: type)
      var output = Matrix(rows: 3, columns: 5, repeating: .nan, elementType: type)
      activation.forward(input, into: &output)
      var inputGradient = Matrix(rows: 3, columns: 5, repeating: .nan, elementType: type)
      activation.backward(
        input: input, output: output, outputGradient: upstream.converted(to: type), into: &inputGradient)
      return [output, inputGradient]
    }
    return float32Check(
      .activation, text, single: run(.float32), double: run(.float64),
      "forward and backward on a float32 batch, against float64 from the same values")
  }

  /// The `float32` check of a layer that declares it computes in `float32`: forward and backward for 3 rows of
  /// width 8, inputs and parameters rounded to `float32`, against the same computed in `float64`.
  func layerFloat32Check(_ layer: any Layer) -> ConformanceReport.Check {
    let text = layer.configuration.description
    let width = 8
    guard let outputWidth = try? layer.outputWidth(inputWidth: width) else {
      return check(.layer, text, "float32", passed: false, "it does not take inputs of width \(width)")
    }
    let shapes = layer.parameterShapes(inputWidth: width)
    let source = RandomSource(seed: 17)
    let input = gradients.random(rows: 3, columns: width, source).converted(to: .float32)
    let parameters = shapes.map {
      gradients.random(rows: $0.rows, columns: $0.columns, source, minimum: -1, maximum: 1).converted(to: .float32)
    }
    let upstream = gradients.random(rows: 3, columns: outputWidth, source).converted(to: .float32)
    func run(_ type: ElementType) -> [Matrix] {
      let input = input.converted(to: type)
      let parameters = parameters.map { $0.converted(to: type) }
      var output = Matrix(rows: 3, columns: outputWidth, repeating: .nan, elementType: type)
      var workspace = layer.makeWorkspace(inputWidth: width)
      layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
      var parameterGradients = shapes.map {
        Matrix(rows: $0.rows, columns: $0.columns, repeating: .nan, elementType: type)
      }
      var inputGradient = Matrix(rows: 3, columns: width, repeating: .nan, elementType: type)
      layer.backward(
        input: input, output: output, outputGradient: upstream.converted(to: type), parameters: parameters,
        parameterGradients: &parameterGradients, inputGradient: &inputGradient, computeInputGradient: true,
        workspace: &workspace)
      return [output, inputGradient] + parameterGradients
    }
    return float32Check(
      .layer, text, single: run(.float32), double: run(.float64),
      "forward and backward with float32 inputs and parameters, against float64 from the same values")
  }

  /// The `float32` check of an optimizer that declares it updates `float32` parameters: five updates of a 2×3
  /// parameter from the same rounded start and gradients, against the same in `float64`.
  func optimizerFloat32Check(_ optimizer: any Optimizer) -> ConformanceReport.Check {
    let text = optimizer.configuration.description
    let source = RandomSource(seed: 19)
    let start = gradients.random(rows: 2, columns: 3, source).converted(to: .float32)
    let steps = (0..<5).map { _ in gradients.random(rows: 2, columns: 3, source).converted(to: .float32) }
    func run(_ type: ElementType) -> [Matrix] {
      var parameter = start.converted(to: type)
      var state = optimizer.makeState(for: parameter)
      for gradient in steps {
        optimizer.update(
          &parameter, gradient: gradient.converted(to: type), state: &state, learningRate: optimizer.learningRate)
      }
      return [parameter] + state.slots
    }
    return float32Check(
      .optimizer, text, single: run(.float32), double: run(.float64),
      "5 updates of float32 parameters and slots, against float64 from the same values")
  }

  /// A check that `single`, computed in `float32`, holds `float32` matrices within ``float32Limit`` of `double`,
  /// relative to the largest element of `double`.
  private func float32Check(
    _ kind: ComponentKind, _ component: String, single: [Matrix], double: [Matrix], _ detail: String
  ) -> ConformanceReport.Check {
    if let matrix = single.first(where: { $0.elementType != .float32 }) {
      return check(kind, component, "float32", passed: false, "it gave a \(matrix.elementType) result")
    }
    var difference = 0.0
    var scale = 0.0
    for (first, second) in zip(single, double) {
      guard first.rows == second.rows, first.columns == second.columns else {
        return check(kind, component, "float32", passed: false, "its float32 and float64 results differ in shape")
      }
      for (a, b) in zip(first.elements, second.elements) {
        difference = a.isFinite ? max(difference, abs(a - b)) : .infinity
        scale = max(scale, abs(b))
      }
    }
    return measured(
      kind, component, "float32", error: scale > 0 ? difference / scale : difference, limit: Self.float32Limit, detail)
  }
}
