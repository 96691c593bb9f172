import NNCore
import NNLayers

extension ONNXExports {
  /// The exports of nn's own layers and activations, with the operators ONNX Runtime's CPU kernels run in float64
  /// (opset 18):
  ///
  /// | component | nodes |
  /// |---|---|
  /// | `dense` | `Gemm(x, Wᵀ, b, transB=1)` (W stored out × in, as PyTorch's `Linear.weight`) |
  /// | `maxout` | `Gemm`, `Reshape` to (N, units, pieces), `ReduceMax` over the pieces |
  /// | `dropout` | none (the identity at inference) |
  /// | `identity` | none |
  /// | `sigmoid`, `tanh`, `relu` | `Sigmoid`, `Tanh`, `Relu` |
  /// | `softmax`, `log_softmax` | `Softmax`, `LogSoftmax` over each row |
  /// | `leaky_relu(α)` | `Where(Greater(x, 0), x, Mul(x, α))` |
  /// | `elu(α)` | `Where(Greater(x, 0), x, Mul(Sub(Exp(x), 1), α))` |
  /// | `selu` | `Mul(elu(α), λ)` with SELU's α and λ |
  /// | `softplus(β)` | `Add(Relu(x), Div(Log(Add(Exp(Mul(Abs(x), −β)), 1)), β))` |
  /// | `hard_sigmoid` | `Min(Max(Add(Div(x, 6), ½), 0), 1)` |
  /// | `swish(β)`, `silu` | `Mul(x, Sigmoid(Mul(x, β)))` |
  /// | `gelu` | `x/2 · (1 + erf(x/√2))`, erf by its series of positive terms (100 terms, z clamped to [−6, 6]) |
  /// | `maxout_pool` | `Reshape` to (N, units, pieces), `ReduceMax` over the pieces |
  ///
  /// ONNX Runtime has no float64 kernel for `LeakyRelu`, `Elu`, `Selu`, `Softplus`, `HardSigmoid` or `Erf`, hence
  /// the decompositions.
  public static var builtIn: ONNXExports {
    var exports = ONNXExports()
    exports.register(layer: "dense") { layer, parameters, input, graph in
      let weights = graph.transposedConstant(parameters[0], stem: "weight")
      var inputs = [input, weights]
      if parameters.count > 1 {
        inputs.append(graph.constant(parameters[1].elements, shape: [parameters[1].count], stem: "bias"))
      }
      return graph.add("Gemm", inputs, attributes: [.integer("transB", 1)])
    }
    exports.register(layer: "maxout") { layer, parameters, input, graph in
      guard let maxout = layer as? Maxout else { throw ONNXExportError.unsupported(component: "maxout", kind: "layer") }
      let weights = graph.transposedConstant(parameters[0], stem: "weight")
      var inputs = [input, weights]
      if parameters.count > 1 {
        inputs.append(graph.constant(parameters[1].elements, shape: [parameters[1].count], stem: "bias"))
      }
      let pieces = graph.add("Gemm", inputs, attributes: [.integer("transB", 1)])
      let shape = graph.integers([0, maxout.units, maxout.pieces], stem: "shape")
      let grouped = graph.add("Reshape", [pieces, shape])
      return graph.add(
        "ReduceMax", [grouped, graph.integers([2], stem: "axes")], attributes: [.integer("keepdims", 0)])
    }
    exports.register(layer: "dropout") { _, _, input, _ in input }
    exports.register(activation: "identity") { _, input, _ in input }
    for (name, operatorType) in [("sigmoid", "Sigmoid"), ("tanh", "Tanh"), ("relu", "Relu")] {
      exports.register(activation: name) { _, input, graph in graph.add(operatorType, [input]) }
    }
    exports.register(activation: "softmax") { _, input, graph in
      graph.add("Softmax", [input], attributes: [.integer("axis", -1)])
    }
    exports.register(activation: "log_softmax") { _, input, graph in
      graph.add("LogSoftmax", [input], attributes: [.integer("axis", -1)])
    }
    exports.register(activation: "leaky_relu") { activation, input, graph in
      let slope = try number(activation, "negative_slope")
      return positivePart(input, otherwise: graph.add("Mul", [input, graph.scalar(slope)]), in: &graph)
    }
    exports.register(activation: "elu") { activation, input, graph in
      exponentialLinear(input, alpha: try number(activation, "alpha"), in: &graph)
    }
    exports.register(activation: "selu") { _, input, graph in
      let unit = exponentialLinear(input, alpha: ScaledExponentialLinearUnit.alpha, in: &graph)
      return graph.add("Mul", [unit, graph.scalar(ScaledExponentialLinearUnit.scale)])
    }
    exports.register(activation: "softplus") { activation, input, graph in
      let beta = try number(activation, "beta")
      let decay = graph.add("Exp", [graph.add("Mul", [graph.add("Abs", [input]), graph.scalar(-beta)])])
      let logarithm = graph.add("Log", [graph.add("Add", [decay, graph.scalar(1)])])
      return graph.add("Add", [graph.add("Relu", [input]), graph.add("Div", [logarithm, graph.scalar(beta)])])
    }
    exports.register(activation: "hard_sigmoid") { _, input, graph in
      let line = graph.add("Add", [graph.add("Div", [input, graph.scalar(6)]), graph.scalar(0.5)])
      return graph.add("Min", [graph.add("Max", [line, graph.scalar(0)]), graph.scalar(1)])
    }
    for name in ["swish", "silu"] {
      exports.register(activation: name) { activation, input, graph in
        let beta = (try? number(activation, "beta")) ?? 1
        return graph.add("Mul", [input, graph.add("Sigmoid", [graph.add("Mul", [input, graph.scalar(beta)])])])
      }
    }
    exports.register(activation: "gelu") { _, input, graph in
      let erf = errorFunction(graph.add("Mul", [input, graph.scalar(1 / 2.0.squareRoot())]), in: &graph)
      return graph.add(
        "Mul", [graph.add("Mul", [input, graph.scalar(0.5)]), graph.add("Add", [erf, graph.scalar(1)])])
    }
    exports.register(layer: "maxout_pool") { layer, _, input, graph in
      guard case .integer(let pieces)? = layer.configuration.arguments["pieces"] else {
        throw ONNXExportError.missingArgument(component: "maxout_pool", argument: "pieces")
      }
      let shape = graph.integers([0, -1, pieces], stem: "shape")
      let grouped = graph.add("Reshape", [input, shape])
      return graph.add(
        "ReduceMax", [grouped, graph.integers([2], stem: "axes")], attributes: [.integer("keepdims", 0)])
    }
    return exports
  }

  /// The number of terms of `errorFunction(_:in:)`'s series: on `|z| ≤ 6` the sum is then within 2e-15 of erf
  /// (checked against the C library's `erf` on 200,001 points of [−8, 8]).
  static let errorFunctionTerms = 100

  /// `erf(z)` in float64 operators, as ONNX Runtime has no float64 `Erf`: with `z` clamped to [−6, 6] (beyond,
  /// erf is ±1 to the last bit),
  /// ```
  /// erf(z) = 2/√π · e^(−z²) · z · Σₙ (2z²)ⁿ / (1·3·5···(2n+1))
  /// ```
  /// a series of positive terms, summed by Horner's rule from the 100th term, `t ← 1 + 2z²/(2n+1) · t`.
  ///
  /// - Parameters:
  ///   - input: `z`.
  ///   - graph: The graph.
  static func errorFunction(_ input: String, in graph: inout ONNXGraphBuilder) -> String {
    let clamped = graph.add("Min", [graph.add("Max", [input, graph.scalar(-6)]), graph.scalar(6)])
    let square = graph.add("Mul", [clamped, clamped])
    var sum = graph.scalar(1)
    for term in stride(from: errorFunctionTerms, through: 1, by: -1) {
      let factor = graph.add("Mul", [square, graph.scalar(2 / Double(2 * term + 1))])
      sum = graph.add("Add", [graph.add("Mul", [factor, sum]), graph.scalar(1)])
    }
    let decay = graph.add("Exp", [graph.add("Neg", [square])])
    let scaled = graph.add("Mul", [graph.add("Mul", [decay, clamped]), sum])
    return graph.add("Mul", [scaled, graph.scalar(2 / Double.pi.squareRoot())])
  }

  /// The numeric argument `name` of a component's configuration.
  ///
  /// - Parameters:
  ///   - component: The component.
  ///   - name: The argument.
  static func number(_ component: any Component, _ name: String) throws -> Double {
    guard case .number(let value)? = component.configuration.arguments[name] else {
      throw ONNXExportError.missingArgument(component: component.configuration.name, argument: name)
    }
    return value
  }

  /// `x` where `x > 0`, else `otherwise`.
  ///
  /// - Parameters:
  ///   - input: `x`.
  ///   - otherwise: The value elsewhere.
  ///   - graph: The graph.
  static func positivePart(_ input: String, otherwise: String, in graph: inout ONNXGraphBuilder) -> String {
    graph.add("Where", [graph.add("Greater", [input, graph.scalar(0)]), input, otherwise])
  }

  /// `x` where `x > 0`, else `α (eˣ − 1)`.
  ///
  /// - Parameters:
  ///   - input: `x`.
  ///   - alpha: `α`.
  ///   - graph: The graph.
  static func exponentialLinear(_ input: String, alpha: Double, in graph: inout ONNXGraphBuilder) -> String {
    let below = graph.add(
      "Mul", [graph.add("Sub", [graph.add("Exp", [input]), graph.scalar(1)]), graph.scalar(alpha)])
    return positivePart(input, otherwise: below, in: &graph)
  }
}
