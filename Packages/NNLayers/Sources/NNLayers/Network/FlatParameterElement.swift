import NNCore

/// An element type of a ``FlatParameterStore``'s runs, `Double` or `Float`: the store's generic code calls the
/// gradient clipping of that type through it.
protocol FlatParameterElement: MatrixElement {
  /// Applies `clipping` to `gradients` in place (``GradientClipping/apply(to:)-(UnsafeMutableBufferPointer<Double>)``).
  ///
  /// - Parameters:
  ///   - clipping: The limit.
  ///   - gradients: Every matrix's gradients, one run.
  static func clip(_ clipping: GradientClipping, _ gradients: UnsafeMutableBufferPointer<Self>)
}

extension Double: FlatParameterElement {
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
  /// `clipping` on `Float` gradients.
  ///
  /// - Parameters:
  ///   - clipping: The limit.
  ///   - gradients: The gradients.
  static func clip(_ clipping: GradientClipping, _ gradients: UnsafeMutableBufferPointer<Float>) {
    clipping.apply(to: gradients)
  }
}
