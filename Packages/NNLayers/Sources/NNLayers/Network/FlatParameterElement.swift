import NNCore

/// An element type of a ``FlatParameterStore``'s runs, `Double` or `Float`: the store's generic code calls the
/// optimizer's update and the gradient clipping of that type through it.
protocol FlatParameterElement: MatrixElement {
  /// One update of `optimizer` to every parameter of the runs: `θᵢ ← rule(θᵢ, ∇ᵢ, s¹ᵢ, …, sᵏᵢ; step, η)`.
  ///
  /// - Parameters:
  ///   - optimizer: The update rule.
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇ = ∂L/∂θ`, as many as `parameters`.
  ///   - slots: One run per slot, as long as `parameters`.
  ///   - stepsTaken: The updates the parameters have already received.
  ///   - learningRate: `η`.
  static func update(
    _ optimizer: any ElementwiseOptimizer, _ parameters: UnsafeMutableBufferPointer<Self>,
    gradients: UnsafeBufferPointer<Self>, slots: UnsafeBufferPointer<UnsafeMutablePointer<Self>>, stepsTaken: Int,
    learningRate: Double)

  /// Applies `clipping` to `gradients` in place (``GradientClipping/apply(to:)-(UnsafeMutableBufferPointer<Double>)``).
  ///
  /// - Parameters:
  ///   - clipping: The limit.
  ///   - gradients: Every matrix's gradients, one run.
  static func clip(_ clipping: GradientClipping, _ gradients: UnsafeMutableBufferPointer<Self>)
}

extension Double: FlatParameterElement {
  /// The `Double` rule of `optimizer`.
  ///
  /// - Parameters:
  ///   - optimizer: The update rule.
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇`.
  ///   - slots: One run per slot.
  ///   - stepsTaken: The updates already received.
  ///   - learningRate: `η`.
  static func update(
    _ optimizer: any ElementwiseOptimizer, _ parameters: UnsafeMutableBufferPointer<Double>,
    gradients: UnsafeBufferPointer<Double>, slots: UnsafeBufferPointer<UnsafeMutablePointer<Double>>, stepsTaken: Int,
    learningRate: Double
  ) {
    optimizer.update(parameters, gradients: gradients, slots: slots, stepsTaken: stepsTaken, learningRate: learningRate)
  }

  /// `clipping` on `Double` gradients.
  ///
  /// - Parameters:
  ///   - clipping: The limit.
  ///   - gradients: The gradients.
  static func clip(_ clipping: GradientClipping, _ gradients: UnsafeMutableBufferPointer<Double>) {
    clipping.apply(to: gradients)
  }
}

extension Float: FlatParameterElement {
  /// The `Float` rule of `optimizer` (its own, or its `Double` rule on widened runs).
  ///
  /// - Parameters:
  ///   - optimizer: The update rule.
  ///   - parameters: `θ`, updated in place.
  ///   - gradients: `∇`.
  ///   - slots: One run per slot.
  ///   - stepsTaken: The updates already received.
  ///   - learningRate: `η`.
  static func update(
    _ optimizer: any ElementwiseOptimizer, _ parameters: UnsafeMutableBufferPointer<Float>,
    gradients: UnsafeBufferPointer<Float>, slots: UnsafeBufferPointer<UnsafeMutablePointer<Float>>, stepsTaken: Int,
    learningRate: Double
  ) {
    optimizer.update(parameters, gradients: gradients, slots: slots, stepsTaken: stepsTaken, learningRate: learningRate)
  }

  /// `clipping` on `Float` gradients.
  ///
  /// - Parameters:
  ///   - clipping: The limit.
  ///   - gradients: The gradients.
  static func clip(_ clipping: GradientClipping, _ gradients: UnsafeMutableBufferPointer<Float>) {
    clipping.apply(to: gradients)
  }
}
