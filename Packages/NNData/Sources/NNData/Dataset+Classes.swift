import NNCore

extension Dataset {
  /// The samples of some classes only, renumbered in the order the classes are named.
  ///
  /// Sample `i` is kept when `classNames[labels[i]]` is one of `names`; its new label is that name's index in
  /// `names`, and the one-hot targets are rebuilt with `names.count` columns. The kept samples keep their order.
  /// `dataset.selectingClasses(["Iris-versicolor", "Iris-virginica"])` makes the two-class problem of a
  /// logistic regression from the iris data.
  ///
  /// - Parameter names: The classes to keep, at least two, each a class of this data set, none twice.
  /// - Returns: A classification data set with the classes `names`.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` for a regression data set, fewer than two names, a
  ///   repeated name, or a name that is not a class (listing the classes).
  public func selectingClasses(_ names: [String]) throws -> Dataset {
    guard let labels else {
      throw DataError.invalidArgument(
        name: "classes", problem: "'\(name)' has real-valued targets, not classes to choose from")
    }
    guard names.count >= 2 else {
      throw DataError.invalidArgument(
        name: "classes", problem: "expected at least two class names, got \(names.count)")
    }
    var newLabel: [Int: Int] = [:]
    for (index, className) in names.enumerated() {
      guard let old = classNames.firstIndex(of: className) else {
        throw DataError.invalidArgument(
          name: "classes",
          problem: "'\(name)' has no class '\(className)'; its classes: \(classNames.joined(separator: ", "))")
      }
      guard newLabel[old] == nil else {
        throw DataError.invalidArgument(name: "classes", problem: "'\(className)' is named twice")
      }
      newLabel[old] = index
    }
    let kept = labels.indices.filter { newLabel[labels[$0]] != nil }
    var selected = subset(at: kept)
    let relabelled = kept.map { newLabel[labels[$0]]! }
    selected.labels = relabelled
    selected.classNames = names
    selected.targets = try Matrix.oneHot(labels: relabelled, classCount: names.count)
    return selected
  }
}
