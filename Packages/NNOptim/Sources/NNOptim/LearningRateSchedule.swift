import Foundation
@_spi(Internals) import NNCore

/// How the learning rate changes with the step number, with an optional linear warm-up.
///
/// With base rate `η₀`, step `t` counted from 0 and `w` warm-up steps:
/// ```
/// constant:                  η(t) = η₀
/// step(size s, factor γ):    η(t) = η₀ · γ^⌊t/s⌋
/// exponential(factor γ):     η(t) = η₀ · γ^t
/// cosine(steps T, floor m):  η(t) = m + (η₀ − m) · (1 + cos(π · min(t, T)/T)) / 2
/// warm-up:                   η(t) ← η(t) · (t + 1)/w   for t < w   (the schedule's own clock starts after it)
/// ```
/// As PyTorch's `StepLR`, `ExponentialLR` and `CosineAnnealingLR` (stepped once per mini-batch here), with a
/// `LinearLR`-style warm-up from `η/w` up to the full rate.
public struct LearningRateSchedule: Sendable, Hashable, Codable {
  /// The shape of the schedule after the warm-up.
  public enum Shape: Sendable, Hashable, Codable {
    /// The base rate throughout.
    case constant
    /// Multiplied by `factor` every `size` steps.
    case step(size: Int, factor: Double)
    /// Multiplied by `factor` every step.
    case exponential(factor: Double)
    /// Half a cosine from the base rate down to `minimum` over `steps` steps, then `minimum`.
    case cosine(steps: Int, minimum: Double)
  }

  /// The shape after the warm-up.
  public let shape: Shape
  /// The number of warm-up steps `w` (0 for none).
  public let warmupSteps: Int

  /// A schedule.
  ///
  /// - Parameters:
  ///   - shape: The shape after the warm-up.
  ///   - warmupSteps: Linear warm-up steps, at least 0.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for a size or count below 1, a
  ///   factor outside `(0, 1]`, a negative warm-up or a negative floor.
  public init(_ shape: Shape = .constant, warmupSteps: Int = 0) throws {
    func invalid(_ parameter: String, _ reason: String) -> ComponentError {
      .invalidArgument(component: "schedule", parameter: parameter, reason: reason)
    }
    switch shape {
    case .constant: break
    case .step(let size, let factor):
      guard size >= 1 else { throw invalid("size", "must be at least 1, got \(size)") }
      guard factor > 0, factor <= 1 else { throw invalid("factor", "must be in (0, 1], got \(factor)") }
    case .exponential(let factor):
      guard factor > 0, factor <= 1 else { throw invalid("factor", "must be in (0, 1], got \(factor)") }
    case .cosine(let steps, let minimum):
      guard steps >= 1 else { throw invalid("steps", "must be at least 1, got \(steps)") }
      guard minimum >= 0, minimum.isFinite else { throw invalid("minimum", "must be at least 0, got \(minimum)") }
    }
    guard warmupSteps >= 0 else { throw invalid("warmup", "must be at least 0, got \(warmupSteps)") }
    self.shape = shape
    self.warmupSteps = warmupSteps
  }

  /// Reads a schedule as written on the command line: `constant`, `step(size=100, factor=0.5)`,
  /// `exponential(factor=0.999)`, `cosine(steps=10000, minimum=0)`; positional arguments in that order.
  ///
  /// - Parameters:
  ///   - text: The specification.
  ///   - warmupSteps: Linear warm-up steps.
  public init(parsing text: String, warmupSteps: Int = 0) throws {
    let request = try ComponentRequest(parsing: text)
    let entry: ComponentEntry<Shape>
    switch request.name {
    case "constant":
      entry = ComponentEntry(name: "constant", summary: "η₀") { _ in .constant }
    case "step":
      entry = ComponentEntry(
        name: "step", summary: "η₀·γ^⌊t/s⌋",
        parameters: [
          ParameterDeclaration("size", .integer, summary: "steps between decays"),
          ParameterDeclaration("factor", .number, default: .number(0.1), summary: "decay factor γ"),
        ]
      ) { try .step(size: $0.integer("size"), factor: $0.number("factor")) }
    case "exponential":
      entry = ComponentEntry(
        name: "exponential", summary: "η₀·γ^t",
        parameters: [ParameterDeclaration("factor", .number, summary: "decay factor γ per step")]
      ) { try .exponential(factor: $0.number("factor")) }
    case "cosine":
      entry = ComponentEntry(
        name: "cosine", summary: "cosine annealing to the floor",
        parameters: [
          ParameterDeclaration("steps", .integer, summary: "steps T of the half cosine"),
          ParameterDeclaration("minimum", .number, default: .number(0), summary: "the floor m"),
        ]
      ) { try .cosine(steps: $0.integer("steps"), minimum: $0.number("minimum")) }
    default:
      let known = ["constant", "cosine", "exponential", "step"]
      let hint = NameSuggestion.closest(to: request.name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
      throw ComponentError.malformedSpecification(
        text, reason: "unknown schedule '\(request.name)'\(hint); schedules: \(known.joined(separator: ", "))")
    }
    try self.init(entry.make(request), warmupSteps: warmupSteps)
  }

  /// The rate for step `t` (from 0) given the base rate `η₀`.
  ///
  /// - Parameters:
  ///   - step: The step number `t`, from 0.
  ///   - base: The base rate `η₀`.
  public func rate(step: Int, base: Double) -> Double {
    if step < warmupSteps { return rate(afterWarmup: 0, base: base) * Double(step + 1) / Double(warmupSteps) }
    return rate(afterWarmup: step - warmupSteps, base: base)
  }

  private func rate(afterWarmup step: Int, base: Double) -> Double {
    switch shape {
    case .constant:
      return base
    case .step(let size, let factor):
      return base * pow(factor, Double(step / size))
    case .exponential(let factor):
      return base * pow(factor, Double(step))
    case .cosine(let steps, let minimum):
      let progress = Double(min(step, steps)) / Double(steps)
      return minimum + (base - minimum) * (1 + cos(Double.pi * progress)) / 2
    }
  }
}
