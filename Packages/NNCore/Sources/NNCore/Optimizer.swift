/// The per-parameter state of an optimizer: its step count and its slots (a momentum buffer, say).
public struct ParameterState: Sendable, Hashable, Codable {
  /// How many updates this parameter has received.
  public var step: Int
  /// The optimizer's slots, in the order of ``Optimizer/slotNames``, each shaped like the parameter.
  public var slots: [Matrix]

  /// A state.
  ///
  /// - Parameters:
  ///   - step: Updates received so far.
  ///   - slots: The slot matrices.
  public init(step: Int = 0, slots: [Matrix]) {
    self.step = step
    self.slots = slots
  }
}

/// An update rule: hyper-parameters as a value, with the state it needs kept apart in ``ParameterState``.
///
/// The rule never changes; a network's optimizer state (one ``ParameterState`` per parameter matrix) is made
/// by ``makeState(for:)``, threaded through ``update(_:gradient:state:learningRate:)`` and saved with
/// checkpoints, so training resumes exactly.
public protocol Optimizer: Component {
  /// The base learning rate `η`.
  var learningRate: Double { get }

  /// The names of the slots each parameter's state holds (`["momentum_buffer"]`), possibly none.
  var slotNames: [String] { get }

  /// Applies one update to `parameter` from its `gradient`, advancing `state`.
  ///
  /// - Parameters:
  ///   - parameter: The parameter to update in place.
  ///   - gradient: `∂L/∂parameter`.
  ///   - state: This parameter's state; its step count is incremented.
  ///   - learningRate: The rate for this step (the base rate, or a schedule's value).
  func update(_ parameter: inout Matrix, gradient: Matrix, state: inout ParameterState, learningRate: Double)

  /// Fresh state for a parameter shaped like `parameter` (by default step zero and zero slots).
  ///
  /// - Parameter parameter: The parameter the state belongs to.
  func makeState(for parameter: Matrix) -> ParameterState

  /// The element types this optimizer updates in itself; parameters of any other type are still updated, through
  /// `float64` copies kept by the trainer.
  ///
  /// Elementwise optimizers (``ElementwiseOptimizer``) update every type.
  var supportedElementTypes: Set<ElementType> { get }

  /// This optimizer's step as `θ ← a θ + b ∇` (``LinearUpdate``) when that is exactly its rule at this learning
  /// rate for every parameter and every step, with no slot read or written; `nil` (the default) for any other rule.
  ///
  /// A trainer may then apply the step inside the product that computes a weight's gradient, in `float32` networks
  /// (``/NNCore/Matrix/multiply(_:transposeA:_:transposeB:alpha:beta:into:)`` with `alpha = b`, `beta = a`): the
  /// update then rounds once, where the rule's own pass rounds the product `η ∇` and then the sum.
  ///
  /// - Parameter learningRate: `η` for this step (the base rate, or a schedule's value).
  func linearUpdate(learningRate: Double) -> LinearUpdate?
}

extension Optimizer {
  /// `[.float64]`: optimizers update `Double` parameters unless they say more.
  public var supportedElementTypes: Set<ElementType> { [.float64] }

  /// `nil`: an optimizer's step is not taken to be linear unless it says so.
  ///
  /// - Parameter learningRate: `η` for this step.
  public func linearUpdate(learningRate: Double) -> LinearUpdate? { nil }

  /// Fresh state for a parameter shaped like `parameter`: step zero and zero slots.
  ///
  /// - Parameter parameter: The parameter the state belongs to.
  public func makeState(for parameter: Matrix) -> ParameterState {
    ParameterState(
      slots: slotNames.map { _ in
        Matrix(rows: parameter.rows, columns: parameter.columns, elementType: parameter.elementType)
      })
  }
}
