import NNCore

/// Registers the optimizers of NNOptim: `sgd`, `momentum` and `nesterov`.
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
        name: SGD.name, summary: "stochastic gradient descent: θ ← θ − η(∇ + λθ)",
        parameters: [learningRate, weightDecay]
      ) { arguments in
        try SGD(learningRate: arguments.number("learning_rate"), weightDecay: arguments.number("weight_decay"))
      })
    registrar.register(
      optimizer: ComponentEntry(
        name: Momentum.name, summary: "SGD with momentum, as torch.optim.SGD: b ← μb + (1−τ)g, θ ← θ − ηb",
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
        parameters: [learningRate, momentum, weightDecay]
      ) { arguments in
        try Momentum.nesterov(
          learningRate: arguments.number("learning_rate"), momentum: arguments.number("momentum"),
          weightDecay: arguments.number("weight_decay"))
      })
    // nn:registrations:end
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
