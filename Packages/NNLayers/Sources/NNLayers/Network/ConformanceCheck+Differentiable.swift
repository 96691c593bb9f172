import NNCore

extension ConformanceCheck {
  /// Lookup, round trip, shapes and the gradient of an activation, and its `float32` results when it computes in
  /// `float32`.
  func activationChecks(_ request: ComponentRequest) -> [ConformanceReport.Check] {
    var (component, checks) = made(request, as: .activation) { try registry.activation($0) }
    guard let activation = component as? any Activation else { return checks }
    let text = activation.configuration.description
    let source = RandomSource(seed: 5)
    let input = gradients.random(rows: 3, columns: 5, source)
    let upstream = gradients.random(rows: 3, columns: 5, source)
    var output = Matrix(rows: 3, columns: 5, repeating: .nan)
    activation.forward(input, into: &output)
    var issue = problem(output, rows: 3, columns: 5, "the forward output")
    if issue == nil {
      var inputGradient = Matrix(rows: 3, columns: 5, repeating: .nan)
      activation.backward(input: input, output: output, outputGradient: upstream, into: &inputGradient)
      issue = problem(inputGradient, rows: 3, columns: 5, "the input gradient")
    }
    checks.append(
      check(.activation, text, "shapes", passed: issue == nil, issue ?? "forward and backward fill a 3×5 batch"))
    guard issue == nil else { return checks }
    checks.append(
      gradientCheck(.activation, text, "the vector–Jacobian product against central differences") {
        try gradients.activation(request)
      })
    if activation.supportedElementTypes.contains(.float32) { checks.append(activationFloat32Check(activation)) }
    return checks
  }

  /// Lookup, round trip, shapes and gradients of a layer, for 3 rows of width 8, and its `float32` results when it
  /// computes in `float32`.
  func layerChecks(_ request: ComponentRequest) -> [ConformanceReport.Check] {
    var (component, checks) = made(request, as: .layer) { try registry.layer($0) }
    guard let layer = component as? any Layer else { return checks }
    let text = layer.configuration.description
    let issue = layerShapeProblem(layer)
    checks.append(
      check(
        .layer, text, "shapes", passed: issue == nil,
        issue ?? "output width and parameter shapes agree with what forward and backward fill, for width 8"))
    guard issue == nil else { return checks }
    checks.append(
      gradientCheck(.layer, text, "input and parameter gradients against central differences") {
        try gradients.layer(request)
      })
    if layer.supportedElementTypes.contains(.float32) { checks.append(layerFloat32Check(layer)) }
    return checks
  }

  /// Lookup, round trip, shapes, value agreement and the gradient under each reduction of a loss.
  func lossChecks(_ request: ComponentRequest) -> [ConformanceReport.Check] {
    var (component, checks) = made(request, as: .loss) { try registry.loss($0) }
    guard let loss = component as? any Loss else { return checks }
    let text = loss.configuration.description
    let source = RandomSource(seed: 6)
    let predictions = gradients.random(rows: 4, columns: 3, source, minimum: 0.05, maximum: 0.95)
    var targets = Matrix(rows: 4, columns: 3)
    for (row, label) in [0, 2, 1, 2].enumerated() { targets[row, label] = 1 }
    var gradient = Matrix(rows: 4, columns: 3, repeating: .nan)
    let returned = loss.gradient(predictions: predictions, targets: targets, into: &gradient)
    let value = loss.value(predictions: predictions, targets: targets)
    let issue =
      problem(gradient, rows: 4, columns: 3, "the gradient")
      ?? (value.isFinite ? nil : "the value \(value) is not finite")
    checks.append(
      check(.loss, text, "shapes", passed: issue == nil, issue ?? "the gradient has the predictions' 4×3 shape"))
    guard issue == nil else { return checks }
    let scale = abs(returned) + abs(value)
    checks.append(
      measured(
        .loss, text, "value agrees with gradient", error: scale == 0 ? 0 : abs(returned - value) / scale,
        limit: 1e-12, "gradient(…) returns the value value(…) computes, \(value)"))
    let reductions =
      registry.parameters(of: request.name, kind: .loss).contains { $0.name == "reduction" }
      ? Reduction.allCases.map(Optional.some) : [nil]
    for reduction in reductions {
      var reduced = request
      if let reduction { reduced.named["reduction"] = .text(reduction.rawValue) }
      let label = reduced.description
      if let reduction, let made = try? registry.loss(reduced), made.reduction != reduction {
        checks.append(
          check(.loss, label, "gradient", passed: false, "asked for reduction \(reduction), made \(made.reduction)"))
        continue
      }
      checks.append(
        gradientCheck(.loss, label, "the gradient against central differences") { try gradients.loss(reduced) })
    }
    return checks
  }

  /// A finite-difference check run by `run`, or a failed check naming its error.
  private func gradientCheck(
    _ kind: ComponentKind, _ component: String, _ detail: String, _ run: () throws -> GradientCheck.Result
  ) -> ConformanceReport.Check {
    do {
      let result = try run()
      return measured(kind, result.name, "gradient", error: result.maximumRelativeError, detail)
    } catch {
      return check(kind, component, "gradient", passed: false, "cannot be checked: \(error)")
    }
  }

  /// What is wrong with a layer's widths, parameter shapes or buffers for 3 rows of width 8, or `nil`.
  private func layerShapeProblem(_ layer: any Layer) -> String? {
    let width = 8
    let outputWidth: Int
    do { outputWidth = try layer.outputWidth(inputWidth: width) } catch {
      return "it does not take inputs of width \(width): \(error)"
    }
    guard outputWidth >= 1 else { return "its output width for inputs of width \(width) is \(outputWidth)" }
    let shapes = layer.parameterShapes(inputWidth: width)
    if let shape = shapes.first(where: { min($0.rows, $0.columns, $0.fanIn, $0.fanOut) < 1 }) {
      return "parameter '\(shape.name)' is \(shape.rows)×\(shape.columns) with fans \(shape.fanIn), \(shape.fanOut)"
    }
    if Set(shapes.map(\.name)).count != shapes.count {
      return "its parameter names repeat: \(shapes.map(\.name).joined(separator: ", "))"
    }
    for shape in shapes {
      if case .constant(let value) = shape.role, !value.isFinite {
        return "parameter '\(shape.name)' starts at \(value)"
      }
    }
    let source = RandomSource(seed: 7)
    let input = gradients.random(rows: 3, columns: width, source)
    let parameters = shapes.map {
      gradients.random(rows: $0.rows, columns: $0.columns, source, minimum: -1, maximum: 1)
    }
    var output = Matrix(rows: 3, columns: outputWidth, repeating: .nan)
    var workspace = layer.makeWorkspace(inputWidth: width)
    layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
    if let issue = problem(output, rows: 3, columns: outputWidth, "the forward output") { return issue }
    var parameterGradients = shapes.map { Matrix(rows: $0.rows, columns: $0.columns, repeating: .nan) }
    var inputGradient = Matrix(rows: 3, columns: width, repeating: .nan)
    layer.backward(
      input: input, output: output, outputGradient: gradients.random(rows: 3, columns: outputWidth, source),
      parameters: parameters, parameterGradients: &parameterGradients, inputGradient: &inputGradient,
      computeInputGradient: true, workspace: &workspace)
    if parameterGradients.count != shapes.count {
      return "backward gives \(parameterGradients.count) parameter gradients for \(shapes.count) parameters"
    }
    for (shape, gradient) in zip(shapes, parameterGradients) {
      if let issue = problem(gradient, rows: shape.rows, columns: shape.columns, "the gradient of '\(shape.name)'") {
        return issue
      }
    }
    return problem(inputGradient, rows: 3, columns: width, "the input gradient")
  }
}
