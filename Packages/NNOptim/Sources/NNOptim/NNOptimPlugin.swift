import NNCore

/// Registers the optimizers of NNOptim: `sgd`, `momentum`, `nesterov`, `adam`, `adamw`, `rmsprop` and `adagrad`,
/// each with the name of its Swift type (`nesterov` is a configuration of ``Momentum``, `adamw` one of ``Adam``).
///
/// ```swift
/// let registry = try Registry(plugins: [NNOptimPlugin.self])
/// let optimizer = try registry.optimizer("momentum(learning_rate=0.1, nesterov=true)")
/// ```
public enum NNOptimPlugin: Plugin {
  /// Adds every NNOptim optimizer to `registrar`.
  ///
  /// - Parameter registrar: The collection being built.
  public static func register(in registrar: inout Registrar) {
    // nn:registrations:begin
    registrar.register(
      optimizer: ComponentEntry(
        name: SGD.name, summary: "stochastic gradient descent: θ ← θ − η(∇ + λθ)", typeName: "SGD",
        parameters: [learningRate, weightDecay]
      ) { arguments in
        try SGD(learningRate: arguments.number("learning_rate"), weightDecay: arguments.number("weight_decay"))
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: Momentum.name, summary: "SGD with momentum, as torch.optim.SGD: b ← μb + (1−τ)g, θ ← θ − ηb",
        typeName: "Momentum",
        parameters: [learningRate, momentum, dampening, nesterov, weightDecay]
      ) { arguments in
        try Momentum(
          learningRate: arguments.number("learning_rate"), momentum: arguments.number("momentum"),
          dampening: arguments.number("dampening"), nesterov: arguments.boolean("nesterov"),
          weightDecay: arguments.number("weight_decay"))
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: Momentum.nesterovName, summary: "SGD with Nesterov momentum: b ← μb + g, θ ← θ − η(g + μb)",
        typeName: "Momentum", typeNote: "Momentum.nesterov()",
        parameters: [learningRate, momentum, weightDecay]
      ) { arguments in
        try Momentum.nesterov(
          learningRate: arguments.number("learning_rate"), momentum: arguments.number("momentum"),
          weightDecay: arguments.number("weight_decay"))
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: "adam", summary: "Adam: moments m, v; θ ← θ − η m̂/(√v̂ + ε)", typeName: "Adam",
        parameters: adamParameters(weightDecay: 0)
      ) { arguments in try adam(arguments, decoupled: false) })
    registrar.register(
      optimizer: ComponentEntry(
        name: "adamw", summary: "Adam with decoupled weight decay: θ ← θ(1 − ηλ) before the Adam step",
        typeName: "Adam", typeNote: "Adam(weightDecay: 0.01, decoupledWeightDecay: true)",
        parameters: adamParameters(weightDecay: 0.01)
      ) { arguments in try adam(arguments, decoupled: true) })
    registrar.register(
      optimizer: ComponentEntry(
        name: "rmsprop", summary: "RMSprop: θ ← θ − η g/(√v + ε), v a running mean of g²", typeName: "RMSprop",
        parameters: [
          learningRate,
          ParameterDeclaration("alpha", .number, default: .number(0.99), summary: "smoothing constant α, in [0, 1)"),
          epsilon(1e-8), weightDecay,
          ParameterDeclaration("momentum", .number, default: .number(0), summary: "the momentum factor μ, in [0, 1)"),
          ParameterDeclaration(
            "centered", .boolean, default: .boolean(false), summary: "whether to centre by the mean gradient"),
        ]
      ) { arguments in
        try RMSprop(
          learningRate: arguments.number("learning_rate"), alpha: arguments.number("alpha"),
          epsilon: arguments.number("epsilon"), weightDecay: arguments.number("weight_decay"),
          momentum: arguments.number("momentum"), centered: arguments.boolean("centered"))
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: "adagrad", summary: "Adagrad: θ ← θ − η g/(√Σg² + ε)", typeName: "Adagrad",
        parameters: [
          learningRate,
          ParameterDeclaration(
            "learning_rate_decay", .number, default: .number(0), summary: "decay δ: η/(1 + (t−1)δ)"),
          weightDecay,
          ParameterDeclaration(
            "initial_accumulator_value", .number, default: .number(0), summary: "start of the sum of squares"),
          epsilon(1e-10),
        ]
      ) { arguments in
        try Adagrad(
          learningRate: arguments.number("learning_rate"), learningRateDecay: arguments.number("learning_rate_decay"),
          weightDecay: arguments.number("weight_decay"),
          initialAccumulatorValue: arguments.number("initial_accumulator_value"),
          epsilon: arguments.number("epsilon"))
      })
    // nn:registrations:end
  }

  /// The parameters of `adam` and `adamw`, which differ in the default weight decay.
  private static func adamParameters(weightDecay: Double) -> [ParameterDeclaration] {
    [
      ParameterDeclaration(
        "learning_rate", .number, default: .number(0.001), summary: "the base step size η, greater than 0"),
      ParameterDeclaration("beta1", .number, default: .number(0.9), summary: "decay β₁ of the first moment"),
      ParameterDeclaration("beta2", .number, default: .number(0.999), summary: "decay β₂ of the second moment"),
      epsilon(1e-8),
      ParameterDeclaration(
        "weight_decay", .number, default: .number(weightDecay), summary: "the weight decay λ, at least 0"),
      ParameterDeclaration("amsgrad", .boolean, default: .boolean(false), summary: "whether to use AMSGrad"),
    ]
  }

  /// Makes `adam` or `adamw` from checked arguments.
  private static func adam(_ arguments: Arguments, decoupled: Bool) throws -> Adam {
    try Adam(
      learningRate: arguments.number("learning_rate"), beta1: arguments.number("beta1"),
      beta2: arguments.number("beta2"), epsilon: arguments.number("epsilon"),
      weightDecay: arguments.number("weight_decay"), amsgrad: arguments.boolean("amsgrad"),
      decoupledWeightDecay: decoupled)
  }

  /// `epsilon`, the term added to a denominator.
  private static func epsilon(_ value: Double) -> ParameterDeclaration {
    ParameterDeclaration("epsilon", .number, default: .number(value), summary: "added to the denominator, at least 0")
  }

  /// `learning_rate`, the base step size `η`.
  private static let learningRate = ParameterDeclaration(
    "learning_rate", .number, default: .number(0.01), summary: "the base step size η, greater than 0")
  /// `weight_decay`, the L2 penalty `λ` added to the gradient as `λθ`.
  private static let weightDecay = ParameterDeclaration(
    "weight_decay", .number, default: .number(0), summary: "the L2 penalty λ, adding λθ to the gradient; at least 0")
  /// `momentum`, the factor `μ` of the buffer.
  private static let momentum = ParameterDeclaration(
    "momentum", .number, default: .number(0.9), summary: "the momentum factor μ, in [0, 1)")
  /// `dampening`, the `τ` of `(1 − τ) g` after the first step.
  private static let dampening = ParameterDeclaration(
    "dampening", .number, default: .number(0),
    summary: "the dampening τ of the gradient in the buffer after the first step, in [0, 1]")
  /// `nesterov`, whether to look ahead along the buffer.
  private static let nesterov = ParameterDeclaration(
    "nesterov", .boolean, default: .boolean(false), summary: "whether to use Nesterov momentum: θ ← θ − η(g + μb)")
}
