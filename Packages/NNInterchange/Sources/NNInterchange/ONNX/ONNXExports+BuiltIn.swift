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
  ///
  /// ONNX Runtime has no float64 kernel for `LeakyRelu`, `Elu`, `Selu`, `Softplus`, `HardSigmoid` or `Erf`, hence
  /// the decompositions; `gelu` (which needs `Erf`) has no export yet.
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
    return exports
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
