/// Which activation derivatives a dense stage's backward pass applies: its own, or its input's on behalf of the
/// stage before it (see ``OutputDerivative``).
struct FusedDerivativeHandOff {
  /// Whether `∂L/∂y` reaches the stage already multiplied by its activation's derivative (applied by the next
  /// stage or the loss), or the activation is the identity: the stage then takes it as `δ` unchanged.
  var upstreamIncludesDerivative = false
  /// The activation of the stage before, applied to `∂L/∂x` as it is written, or `nil` to write `∂L/∂x` as is.
  var inputDerivative: OutputDerivative?

}
