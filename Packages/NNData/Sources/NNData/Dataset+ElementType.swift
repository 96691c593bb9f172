import NNCore

extension Dataset {
  /// The element type of the features: `float32` for a single-precision MAT variable, `float64` otherwise.
  public var elementType: ElementType { features.elementType }

  /// This data set with its features and targets in `elementType`: widened exactly, or rounded to nearest for
  /// `float32` (labels and names unchanged).
  ///
  /// - Parameter elementType: The type a network computing on the data holds its values in.
  public func converted(to elementType: ElementType) -> Dataset {
    var copy = self
    copy.features = features.converted(to: elementType)
    copy.targets = targets.converted(to: elementType)
    return copy
  }
}
