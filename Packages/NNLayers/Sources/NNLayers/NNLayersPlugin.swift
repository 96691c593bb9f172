import NNCore

/// Registers the layers, activations, losses and initializers of NNLayers.
public enum NNLayersPlugin: Plugin {
  /// Adds every NNLayers component to `registrar`, and makes activations usable as layers.
  public static func register(in registrar: inout Registrar) {
    registrar.registerActivationLayer { ActivationLayer($0) }
    // nn:registrations:begin
    registrar.register(
      activation: ComponentEntry(name: "identity", summary: "f(x) = x, for linear outputs") { _ in
        Identity()
      })
    registrar.register(
      activation: ComponentEntry(name: "sigmoid", summary: "σ(x) = 1/(1+e^(−x)), range (0, 1)") { _ in Sigmoid() })
    registrar.register(
      activation: ComponentEntry(name: "tanh", summary: "hyperbolic tangent, range (−1, 1)") { _ in Tanh() })
    registrar.register(
      activation: ComponentEntry(name: "relu", summary: "max(0, x), the rectified linear unit") { _ in ReLU() })
    registrar.register(
      activation: ComponentEntry(name: "softmax", summary: "e^(xⱼ)/Σₖe^(xₖ) per row: probabilities") { _ in
        Softmax()
      })
    registrar.register(
      layer: ComponentEntry(
        name: "dense", summary: "fully connected: y = x·W + b",
        parameters: [
          ParameterDeclaration("units", .integer, summary: "number of outputs"),
          ParameterDeclaration("bias", .boolean, default: .boolean(true), summary: "whether to add a learned bias"),
        ]
      ) { arguments in try Dense(units: arguments.integer("units"), bias: arguments.boolean("bias")) })
    registrar.register(
      loss: ComponentEntry(
        name: "mse", summary: "squared error Σ(p−t)², mean over all elements or sum",
        parameters: [Reduction.parameter]
      ) { arguments in MeanSquaredError(reduction: try Reduction(arguments)) })
    registrar.register(
      loss: ComponentEntry(
        name: "softmax_cross_entropy", summary: "softmax and cross-entropy fused, on logits",
        parameters: [Reduction.parameter]
      ) { arguments in SoftmaxCrossEntropy(reduction: try Reduction(arguments)) })
    registrar.register(
      initializer: ComponentEntry(
        name: "normal", summary: "N(mean, standard_deviation²)",
        parameters: [
          ParameterDeclaration("mean", .number, default: .number(0), summary: "the mean"),
          ParameterDeclaration(
            "standard_deviation", .number, default: .number(1), summary: "the standard deviation, positive"),
        ]
      ) { arguments in
        NormalInitializer(
          mean: try arguments.finiteNumber("mean"),
          standardDeviation: try arguments.positiveNumber("standard_deviation"))
      })
    registrar.register(
      initializer: ComponentEntry(
        name: "uniform", summary: "U[minimum, maximum), by default [0, 1) like np.random.rand",
        parameters: [
          ParameterDeclaration("minimum", .number, default: .number(0), summary: "the lower bound"),
          ParameterDeclaration("maximum", .number, default: .number(1), summary: "the upper bound, not reached"),
        ]
      ) { arguments in
        let minimum = try arguments.finiteNumber("minimum")
        let maximum = try arguments.finiteNumber("maximum")
        guard maximum > minimum else {
          throw ComponentError.invalidArgument(
            component: "uniform", parameter: "maximum", reason: "must be above minimum \(minimum), got \(maximum)")
        }
        return UniformInitializer(minimum: minimum, maximum: maximum)
      })
    registrar.register(
      initializer: ComponentEntry(name: "scaled_normal", summary: "N(0, 1)/√fan_in, as in the seeds") { _ in
        ScaledNormalInitializer()
      })
    registrar.register(
      initializer: ComponentEntry(
        name: "xavier_uniform", summary: "U[−a, a), a = gain·√(6/(fan_in+fan_out)) (Glorot)",
        parameters: [ParameterDeclaration("gain", .number, default: .number(1), summary: "scale factor, positive")]
      ) { arguments in XavierUniformInitializer(gain: try arguments.positiveNumber("gain")) })
    registrar.register(
      initializer: ComponentEntry(name: "he_normal", summary: "N(0, 2/fan_in) (Kaiming), for ReLU") { _ in
        HeNormalInitializer()
      })
    registrar.register(
      initializer: ComponentEntry(name: "zeros", summary: "every weight 0") { _ in ZerosInitializer() })
    // nn:registrations:end
  }
}
