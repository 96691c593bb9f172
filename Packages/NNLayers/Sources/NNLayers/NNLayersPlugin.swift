import NNCore

/// Registers the layers, activations, losses and initializers of NNLayers.
public enum NNLayersPlugin: Plugin {
  /// Adds every NNLayers component to `registrar`, and makes activations usable as layers.
  public static func register(in registrar: inout Registrar) {
    registrar.registerActivationLayer { ActivationLayer($0) }
    // nn:registrations:begin
    registrar.register(
      activation: ComponentEntry(name: "identity", summary: "f(x) = x, for linear outputs", typeName: "Identity") { _ in
        Identity()
      })
    registrar.register(
      activation: ComponentEntry(name: "sigmoid", summary: "σ(x) = 1/(1+e^(−x)), range (0, 1)", typeName: "Sigmoid") {
        _ in Sigmoid()
      })
    registrar.register(
      activation: ComponentEntry(name: "tanh", summary: "hyperbolic tangent, range (−1, 1)", typeName: "Tanh") { _ in
        Tanh()
      })
    registrar.register(
      activation: ComponentEntry(name: "relu", summary: "max(0, x), the rectified linear unit", typeName: "ReLU") { _ in
        ReLU()
      })
    registrar.register(
      activation: ComponentEntry(
        name: "softmax", summary: "e^(xⱼ)/Σₖe^(xₖ) per row: probabilities", typeName: "Softmax"
      ) { _ in
        Softmax()
      })
    registrar.register(
      layer: ComponentEntry(
        name: "dense", summary: "fully connected: y = x·W + b", typeName: "Dense",
        parameters: [
          ParameterDeclaration("units", .integer, summary: "number of outputs"),
          ParameterDeclaration("bias", .boolean, default: .boolean(true), summary: "whether to add a learned bias"),
        ]
      ) { arguments in try Dense(units: arguments.integer("units"), bias: arguments.boolean("bias")) })
    registrar.register(
      loss: ComponentEntry(
        name: "mse", summary: "squared error Σ(p−t)², mean over all elements or sum", typeName: "MeanSquaredError",
        parameters: [Reduction.parameter]
      ) { arguments in MeanSquaredError(reduction: try Reduction(arguments)) })
    registrar.register(
      loss: ComponentEntry(
        name: "softmax_cross_entropy", summary: "softmax and cross-entropy fused, on logits",
        typeName: "SoftmaxCrossEntropy",
        parameters: [Reduction.parameter]
      ) { arguments in SoftmaxCrossEntropy(reduction: try Reduction(arguments)) })
    registrar.register(
      initializer: ComponentEntry(
        name: "normal", summary: "N(mean, standard_deviation²)", typeName: "NormalInitializer",
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
        typeName: "UniformInitializer",
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
      initializer: ComponentEntry(
        name: "scaled_normal", summary: "N(0, 1)/√fan_in, as in the seeds", typeName: "ScaledNormalInitializer"
      ) { _ in
        ScaledNormalInitializer()
      })
    registrar.register(
      initializer: ComponentEntry(
        name: "xavier_uniform", summary: "U[−a, a), a = gain·√(6/(fan_in+fan_out)) (Glorot)",
        typeName: "XavierUniformInitializer",
        parameters: [ParameterDeclaration("gain", .number, default: .number(1), summary: "scale factor, positive")]
      ) { arguments in XavierUniformInitializer(gain: try arguments.positiveNumber("gain")) })
    registrar.register(
      initializer: ComponentEntry(
        name: "he_normal", summary: "N(0, 2/fan_in) (Kaiming), for ReLU", typeName: "HeNormalInitializer"
      ) { _ in
        HeNormalInitializer()
      })
    registrar.register(
      initializer: ComponentEntry(name: "zeros", summary: "every weight 0", typeName: "ZerosInitializer") { _ in
        ZerosInitializer()
      })
    registrar.register(
      activation: ComponentEntry(
        name: "leaky_relu", summary: "x if x > 0, else a·x", typeName: "LeakyReLU",
        parameters: [
          ParameterDeclaration(
            "negative_slope", .number, default: .number(0.01), summary: "slope a for negative inputs")
        ]
      ) { arguments in LeakyReLU(negativeSlope: try arguments.finiteNumber("negative_slope")) })
    registrar.register(
      activation: ComponentEntry(
        name: "elu", summary: "x if x > 0, else α(eˣ − 1)", typeName: "ExponentialLinearUnit",
        parameters: [ParameterDeclaration("alpha", .number, default: .number(1), summary: "negative saturation α")]
      ) { arguments in ExponentialLinearUnit(alpha: try arguments.finiteNumber("alpha")) })
    registrar.register(
      activation: ComponentEntry(
        name: "selu", summary: "λx if x > 0, else λα(eˣ − 1), self-normalising", typeName: "ScaledExponentialLinearUnit"
      ) { _ in
        ScaledExponentialLinearUnit()
      })
    registrar.register(
      activation: ComponentEntry(
        name: "softplus", summary: "log(1 + e^(βx))/β, a smooth ReLU", typeName: "Softplus",
        parameters: [ParameterDeclaration("beta", .number, default: .number(1), summary: "sharpness β, positive")]
      ) { arguments in Softplus(beta: try arguments.positiveNumber("beta")) })
    registrar.register(
      activation: ComponentEntry(
        name: "gelu", summary: "x·Φ(x), Φ the standard normal distribution function",
        typeName: "GaussianErrorLinearUnit"
      ) {
        _ in GaussianErrorLinearUnit()
      })
    registrar.register(
      activation: ComponentEntry(
        name: "swish", summary: "x·σ(βx)", typeName: "Swish",
        parameters: [ParameterDeclaration("beta", .number, default: .number(1), summary: "gate sharpness β")]
      ) { arguments in Swish(beta: try arguments.finiteNumber("beta")) })
    registrar.register(
      activation: ComponentEntry(
        name: "silu", summary: "x·σ(x), the sigmoid linear unit", typeName: "Swish", typeNote: "Swish.sigmoidLinearUnit"
      ) { _ in
        Swish.sigmoidLinearUnit
      })
    registrar.register(
      activation: ComponentEntry(name: "hard_sigmoid", summary: "clamp(x/6 + 1/2, 0, 1)", typeName: "HardSigmoid") {
        _ in HardSigmoid()
      })
    registrar.register(
      activation: ComponentEntry(name: "log_softmax", summary: "xⱼ − log Σₖ e^(xₖ) per row", typeName: "LogSoftmax") {
        _ in LogSoftmax()
      })
    registrar.register(
      loss: ComponentEntry(
        name: "mae", summary: "absolute error Σ|p−t|, mean over all elements or sum", typeName: "MeanAbsoluteError",
        parameters: [Reduction.parameter]
      ) { arguments in MeanAbsoluteError(reduction: try Reduction(arguments)) })
    registrar.register(
      loss: ComponentEntry(
        name: "huber", summary: "d²/2 within δ of the target, linear beyond", typeName: "HuberLoss",
        parameters: [
          ParameterDeclaration("delta", .number, default: .number(1), summary: "threshold δ, positive"),
          Reduction.parameter,
        ]
      ) { arguments in
        HuberLoss(delta: try arguments.positiveNumber("delta"), reduction: try Reduction(arguments))
      })
    registrar.register(
      loss: ComponentEntry(
        name: "binary_cross_entropy", summary: "−[t log p + (1−t) log(1−p)] on probabilities",
        typeName: "BinaryCrossEntropy",
        parameters: [Reduction.parameter]
      ) { arguments in BinaryCrossEntropy(reduction: try Reduction(arguments)) })
    registrar.register(
      loss: ComponentEntry(
        name: "binary_cross_entropy_with_logits", summary: "sigmoid and binary cross-entropy fused, on logits",
        typeName: "BinaryCrossEntropyWithLogits",
        parameters: [Reduction.parameter]
      ) { arguments in BinaryCrossEntropyWithLogits(reduction: try Reduction(arguments)) })
    registrar.register(
      loss: ComponentEntry(
        name: "hinge", summary: "max(0, 1 − y·p) with y = ±1", typeName: "HingeLoss", parameters: [Reduction.parameter]
      ) { arguments in HingeLoss(reduction: try Reduction(arguments)) })
    registrar.register(
      initializer: ComponentEntry(
        name: "xavier_normal", summary: "N(0, σ²), σ = gain·√(2/(fan_in+fan_out)) (Glorot)",
        typeName: "XavierNormalInitializer",
        parameters: [ParameterDeclaration("gain", .number, default: .number(1), summary: "scale factor, positive")]
      ) { arguments in XavierNormalInitializer(gain: try arguments.positiveNumber("gain")) })
    registrar.register(
      initializer: ComponentEntry(
        name: "he_uniform", summary: "U[−a, a), a = √(6/fan_in) (Kaiming), for ReLU", typeName: "HeUniformInitializer"
      ) {
        _ in HeUniformInitializer()
      })
    registrar.register(
      initializer: ComponentEntry(
        name: "lecun_normal", summary: "N(0, 1/fan_in), for SELU", typeName: "LeCunNormalInitializer"
      ) { _ in
        LeCunNormalInitializer()
      })
    registrar.register(
      layer: ComponentEntry(
        name: "dropout", summary: "inverted dropout in training: y = m⊙x, mᵢ = 1/(1−rate) or 0; identity otherwise",
        typeName: "Dropout",
        parameters: [ParameterDeclaration("rate", .number, summary: "probability of dropping an element, in [0, 1)")]
      ) { arguments in try Dropout(rate: arguments.number("rate")) })
    registrar.register(
      layer: ComponentEntry(
        name: "maxout", summary: "yⱼ = maxₚ (x·W + b)_{j·k+p}: the best of k linear pieces per output",
        typeName: "Maxout",
        parameters: [
          ParameterDeclaration("units", .integer, summary: "number of outputs"),
          ParameterDeclaration("pieces", .integer, default: .integer(2), summary: "linear pieces k per output"),
          ParameterDeclaration("bias", .boolean, default: .boolean(true), summary: "whether to add a learned bias"),
        ]
      ) { arguments in
        try Maxout(
          units: arguments.integer("units"), pieces: arguments.integer("pieces"), bias: arguments.boolean("bias"))
      })
    registrar.register(
      layer: ComponentEntry(
        name: "maxout_pool", summary: "yⱼ = maxₚ x_{j·k+p}: k·n inputs to n outputs, after dense(n·k)",
        typeName: "MaxoutPool",
        parameters: [ParameterDeclaration("pieces", .integer, default: .integer(2), summary: "inputs k per output")]
      ) { arguments in try MaxoutPool(pieces: arguments.integer("pieces")) })
    // nn:registrations:end
  }
}
