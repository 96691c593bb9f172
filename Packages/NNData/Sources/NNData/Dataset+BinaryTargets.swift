import NNCore

extension Dataset {
  /// The same samples with one target column holding the 0/1 label, for a network that ends in one sigmoid unit
  /// (logistic regression, the sphere network): `targets[i, 0] = labels[i]`.
  ///
  /// - Returns: The data set with `count × 1` targets; labels, class names and features unchanged.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` unless the data set has exactly two classes.
  public func withBinaryTargets() throws -> Dataset {
    guard let labels, classCount == 2 else {
      throw DataError.invalidArgument(
        name: "targets",
        problem: "one 0/1 target column needs two classes, '\(name)' has "
          + (self.labels == nil ? "real-valued targets" : "\(classCount) classes"))
    }
    var copy = self
    copy.targets = Matrix(rows: labels.count, columns: 1, elements: labels.map(Double.init))
      .converted(to: targets.elementType)
    return copy
  }
}
