import NNCore

/// Finite-difference checks of registered components and of a small network: the one harness behind the
/// conformance suite and `nn gradcheck`.
///
/// Each check compares an analytic gradient with central differences (``/NNCore/FiniteDifference``) at random points
/// kept `0.05` away from zero (where rectifiers have a kink) and reports the largest relative error
/// `|a − b| / (|a| + |b|)` over the elements.
public struct GradientCheck: Sendable {
  /// The outcome of one check.
  public struct Result: Encodable, Sendable {
    /// What was checked: `activation`, `loss`, `layer` or `network`.
    public let kind: String
    /// The component's specification, or the network's description.
    public let name: String
    /// The largest relative error found.
    public let maximumRelativeError: Double
    /// Whether it is within the tolerance.
    public let passed: Bool

    private enum CodingKeys: String, CodingKey {
      case kind, name, passed
      case maximumRelativeError = "maximum_relative_error"
    }
  }

  /// The registry whose components are checked.
  public let registry: Registry
  /// The largest relative error that passes.
  public let tolerance: Double

  /// A harness over `registry`.
  ///
  /// - Parameters:
  ///   - registry: The components to check.
  ///   - tolerance: The largest relative error that passes.
  public init(registry: Registry, tolerance: Double = 1e-5) {
    self.registry = registry
    self.tolerance = tolerance
  }

  /// Checks every registered activation, loss and layer (or only those named `component`), then a random
  /// 3-5-4-3 network end to end (unless a component is named). A name registered only as an optimizer or an
  /// initializer has no gradient to check and gives an empty list (``ConformanceCheck`` checks those).
  ///
  /// - Parameter component: A registry name to check alone, or `nil` for everything.
  /// - Throws: ``/NNCore/ComponentError/unknownComponent(kind:name:known:suggestion:)`` with the closest registered
  ///   name when no component has the name `component`.
  public func run(component: String? = nil) throws -> [Result] {
    if let component, registry.kinds(named: component).isEmpty {
      throw registry.unknownComponentError(component)
    }
    var results: [Result] = []
    let selected = { (name: String) in component == nil || component == name }
    for name in registry.names(of: .activation) where selected(name) {
      results.append(try activation(sampleRequest(name, .activation)))
    }
    for name in registry.names(of: .loss) where selected(name) {
      results.append(try loss(sampleRequest(name, .loss)))
    }
    for description in registry.descriptions(of: .layer) where selected(description.name) {
      results.append(try layer(sampleRequest(description.name, .layer)))
    }
    if component == nil { results.append(try network()) }
    return results
  }

  private func result(_ kind: String, _ name: String, _ errors: [Double]) -> Result {
    Self.result(kind, name, errors, tolerance: tolerance)
  }

  /// The result of a check whose elements' relative errors are `errors`: passed when the largest is within
  /// `tolerance`.
  private static func result(_ kind: String, _ name: String, _ errors: [Double], tolerance: Double) -> Result {
    let worst = errors.max() ?? 0
    return Result(kind: kind, name: name, maximumRelativeError: worst, passed: worst <= tolerance)
  }

  func random(rows: Int, columns: Int, _ source: RandomSource, minimum: Double = -2, maximum: Double = 2)
    -> Matrix
  {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns {
        var value = source.uniform(from: minimum, to: maximum)
        while abs(value) < 0.05 { value = source.uniform(from: minimum, to: maximum) }
        matrix[row, column] = value
      }
    }
    return matrix
  }

  private func dot(_ a: Matrix, _ b: Matrix) -> Double {
    zip(a.elements, b.elements).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// A request for `name` giving every required parameter a sample value: integers 4, numbers 0.5, flags
  /// true, words `mean`.
  ///
  /// - Parameters:
  ///   - name: The registry name.
  ///   - kind: Its kind; a layer may be named by an activation, whose parameters are then used.
  public func sampleRequest(_ name: String, _ kind: ComponentKind) -> ComponentRequest {
    var request = ComponentRequest(name: name)
    let parameters = registry.parameters(of: name, kind: kind)
    for parameter in parameters where parameter.defaultValue == nil {
      switch parameter.kind {
      case .integer: request.named[parameter.name] = .integer(4)
      case .number: request.named[parameter.name] = .number(0.5)
      case .boolean: request.named[parameter.name] = .boolean(true)
      case .text: request.named[parameter.name] = .text("mean")
      }
    }
    return request
  }

  /// Checks an activation's vector–Jacobian product at a random 3×5 batch.
  ///
  /// - Parameter request: The activation to make.
  public func activation(_ request: ComponentRequest) throws -> Result {
    let activation = try registry.activation(request)
    let source = RandomSource(seed: 1)
    let input = random(rows: 3, columns: 5, source)
    let upstream = random(rows: 3, columns: 5, source)
    var output = Matrix(rows: 3, columns: 5)
    activation.forward(input, into: &output)
    var gradient = Matrix(rows: 3, columns: 5)
    activation.backward(input: input, output: output, outputGradient: upstream, into: &gradient)
    let expected = FiniteDifference.gradient(at: input) { point in
      var result = Matrix(rows: 3, columns: 5)
      activation.forward(point, into: &result)
      return dot(result, upstream)
    }
    return result(
      "activation", activation.configuration.description,
      [FiniteDifference.maximumRelativeError(gradient, expected)])
  }

  /// Checks a loss's gradient at random predictions in (0.05, 0.95) against one-hot targets.
  ///
  /// - Parameter request: The loss to make.
  public func loss(_ request: ComponentRequest) throws -> Result {
    let loss = try registry.loss(request)
    let source = RandomSource(seed: 2)
    let predictions = random(rows: 4, columns: 3, source, minimum: 0.05, maximum: 0.95)
    var targets = Matrix(rows: 4, columns: 3)
    for row in 0..<4 { targets[row, row % 3] = 1 }
    var gradient = Matrix(rows: 4, columns: 3)
    _ = loss.gradient(predictions: predictions, targets: targets, into: &gradient)
    let expected = FiniteDifference.gradient(at: predictions) { loss.value(predictions: $0, targets: targets) }
    return result(
      "loss", loss.configuration.description, [FiniteDifference.maximumRelativeError(gradient, expected)])
  }

  /// Checks a layer's input and parameter gradients at a random batch of 3 rows.
  ///
  /// - Parameters:
  ///   - request: The layer to make.
  ///   - inputWidth: The width of its input rows (8 by default, divisible by the usual maxout pieces).
  public func layer(_ request: ComponentRequest, inputWidth: Int = 8) throws -> Result {
    let layer = try registry.layer(request)
    let source = RandomSource(seed: 3)
    let outputWidth = try layer.outputWidth(inputWidth: inputWidth)
    let input = random(rows: 3, columns: inputWidth, source)
    let parameters = layer.parameterShapes(inputWidth: inputWidth).map {
      random(rows: $0.rows, columns: $0.columns, source, minimum: -1, maximum: 1)
    }
    let upstream = random(rows: 3, columns: outputWidth, source)
    func objective(_ input: Matrix, _ parameters: [Matrix]) -> Double {
      var output = Matrix(rows: input.rows, columns: outputWidth)
      var workspace = layer.makeWorkspace(inputWidth: inputWidth)
      layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
      return dot(output, upstream)
    }
    var output = Matrix(rows: 3, columns: outputWidth)
    var workspace = layer.makeWorkspace(inputWidth: inputWidth)
    layer.forward(input, parameters: parameters, into: &output, workspace: &workspace, mode: .inference)
    var parameterGradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
    var inputGradient = Matrix(rows: 3, columns: inputWidth)
    layer.backward(
      input: input, output: output, outputGradient: upstream, parameters: parameters,
      parameterGradients: &parameterGradients, inputGradient: &inputGradient, computeInputGradient: true,
      workspace: &workspace)
    var errors = [
      FiniteDifference.maximumRelativeError(
        inputGradient, FiniteDifference.gradient(at: input) { objective($0, parameters) })
    ]
    for index in parameters.indices {
      let expected = FiniteDifference.gradient(at: parameters[index]) { value in
        var changed = parameters
        changed[index] = value
        return objective(input, changed)
      }
      errors.append(FiniteDifference.maximumRelativeError(parameterGradients[index], expected))
    }
    return result("layer", layer.configuration.description, errors)
  }

  /// Checks a random 3-5-4-3 network (tanh, sigmoid, softmax with fused cross-entropy) end to end: the
  /// trainer's parameter gradients against finite differences of the loss.
  public func network() throws -> Result {
    let source = RandomSource(seed: 4)
    let specifications = ["dense(5)", "tanh", "dense(4)", "sigmoid", "dense(3)", "softmax"]
    let network = try Sequential(
      inputWidth: 3, layers: specifications.map { try registry.layer($0) },
      initializer: XavierUniformInitializer(), random: source)
    let inputs = random(rows: 6, columns: 3, source)
    var targets = Matrix(rows: 6, columns: 3)
    for row in 0..<6 { targets[row, row % 3] = 1 }
    return try Self.network(
      network, loss: try registry.loss("softmax_cross_entropy"), inputs: inputs, targets: targets,
      name: "3-5-4-3 tanh, sigmoid, softmax_cross_entropy", tolerance: tolerance)
  }

  /// Checks a network's parameter gradients for one batch against central finite differences of the loss, in
  /// `float64` whatever type the network computes in: a `float32` network is widened first (exactly), since
  /// float32's rounding (`u = 2⁻²⁴`) would swamp the differences (`h ≈ 1e-6`).
  ///
  /// The gradients are the trainer's (the fused kernel's where the network qualifies), compared element by element
  /// as `|a − b| / (|a| + |b|)`.
  ///
  /// - Parameters:
  ///   - network: The network, in either element type.
  ///   - loss: The loss.
  ///   - inputs: A batch, one sample a row.
  ///   - targets: Its targets.
  ///   - name: What the result calls the network.
  ///   - tolerance: The largest relative error that passes.
  /// - Throws: ``NetworkError`` when the batch does not fit the network.
  public static func network(
    _ network: Sequential, loss: any Loss, inputs: Matrix, targets: Matrix, name: String = "network",
    tolerance: Double = 1e-5
  ) throws -> Result {
    var network = network.converted(to: .float64)
    let inputs = inputs.converted(to: .float64)
    let targets = targets.converted(to: .float64)
    var trainer = Trainer(network: network, loss: loss, optimizer: GradientsOnly())
    _ = try trainer.computeGradients(inputs: inputs, targets: targets, random: RandomSource(seed: 0))
    let trained = trainer.trainedLayerCount
    var errors: [Double] = []
    for layer in network.parameters.indices {
      for index in network.parameters[layer].indices {
        let original = network
        let expected = FiniteDifference.gradient(at: network.parameters[layer][index]) { value in
          network.setParameter(value, layer: layer, index: index)
          let outputs = (try? network.predict(inputs, layerCount: trained)) ?? Matrix(rows: 0, columns: 0)
          return loss.value(predictions: outputs, targets: targets)
        }
        network = original
        errors.append(
          FiniteDifference.maximumRelativeError(trainer.parameterGradients[layer][index], expected))
      }
    }
    return result("network", name, errors, tolerance: tolerance)
  }
}

/// The optimizer of a trainer that only computes gradients: it never updates.
private struct GradientsOnly: Optimizer {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "gradients_only") }
  var learningRate: Double { 0 }
  var slotNames: [String] { [] }
  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double) {}
}

extension Registry {
  /// The parameters `name` declares as a `kind`: for a layer named by an activation, the activation's.
  ///
  /// - Parameters:
  ///   - name: The registry name.
  ///   - kind: Its kind.
  func parameters(of name: String, kind: ComponentKind) -> [ParameterDeclaration] {
    if let description = descriptions(of: kind).first(where: { $0.name == name }) { return description.parameters }
    guard kind == .layer else { return [] }
    return descriptions(of: .activation).first { $0.name == name }?.parameters ?? []
  }
}
