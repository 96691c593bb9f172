/// An optimizer's step written as a linear map of the parameter and its gradient.
///
/// ```
/// θ ← a θ + b ∇
/// ```
/// `a` is the ``parameterScale`` and `b` the ``gradientScale``; plain SGD with learning rate `η` and weight decay
/// `λ` is `a = 1 − ηλ`, `b = −η`. A trainer that knows the step has this form may compute it inside the matrix product
/// that yields `∇` (for a dense layer's weights, `W ← a W + b xᵀ g` in one call), never storing `∇` or reading it back
/// (see ``Optimizer/linearUpdate(learningRate:)``).
public struct LinearUpdate: Sendable, Hashable {
  /// `a`, the factor of the parameter.
  public var parameterScale: Double
  /// `b`, the factor of the gradient.
  public var gradientScale: Double

  /// The step `θ ← a θ + b ∇`.
  ///
  /// - Parameters:
  ///   - parameterScale: `a`, the factor of the parameter.
  ///   - gradientScale: `b`, the factor of the gradient.
  public init(parameterScale: Double, gradientScale: Double) {
    self.parameterScale = parameterScale
    self.gradientScale = gradientScale
  }
}
