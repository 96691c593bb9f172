/// Which activation derivatives a dense stage's backward pass applies: its own, or its input's on behalf of the
/// stage before it (see ``OutputDerivative``).
struct FusedDerivativeHandOff {
  /// Whether `∂L/∂y` reaches the stage already multiplied by its activation's derivative (applied by the next
  /// stage or the loss), or the activation is the identity: the stage then takes it as `δ` unchanged.
  var upstreamIncludesDerivative = false
  /// The activation of the stage before, applied to `∂L/∂x` as it is written, or `nil` to write `∂L/∂x` as is.
  var inputDerivative: OutputDerivative?

  /// `u · f′(y)` for the first `count` vectors of `upstream`, written to `target`, with `f` the given activation
  /// (or `target[i] = upstream[i]` without one); one branch for the whole run.
  ///
  /// - Parameters:
  ///   - derivative: `f`, or `nil`.
  ///   - upstream: `u`, `count` lane vectors.
  ///   - outputs: `y`, at the same positions as `target`.
  ///   - target: Receives the products.
  ///   - count: The number of vectors.
  @inline(__always)
  static func store(
    _ derivative: OutputDerivative?, _ upstream: LaneAccumulators, outputs: UnsafePointer<LaneVector>,
    to target: UnsafeMutablePointer<LaneVector>, count: Int
  ) {
    OutputDerivative.specialized(derivative) { derivative in
      for index in 0..<count {
        target[index] = derivative.map { $0.apply(upstream[index], output: outputs[index]) } ?? upstream[index]
      }
    }
  }
}
