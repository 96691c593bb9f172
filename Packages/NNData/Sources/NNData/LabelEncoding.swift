import NNCore

/// Turns a column of labels into a data set's targets: classes (one-hot) or real values.
enum LabelEncoding {
  /// The targets of a data set, before it is assembled.
  struct Encoded {
    /// One-hot rows for classes, the values themselves (one column) for regression.
    let targets: Matrix
    /// Each sample's class index, or `nil` for regression.
    let labels: [Int]?
    /// The class names, indexed by label; empty for regression.
    let classNames: [String]
  }

  /// Encodes numeric labels.
  ///
  /// Integer values become classes named after the values (`"0"`, `"1"`, `"5"`), in increasing order of the
  /// values: labels `[5, 3, 9, 5]` give classes `3, 5, 9` and indices `[1, 0, 2, 1]`. Other values are
  /// regression targets, unless `kind` asks for classes.
  ///
  /// - Parameters:
  ///   - values: One finite label per sample.
  ///   - kind: Classes, real targets, or decided from the values.
  ///   - where: Describes where sample `k` (0-based) is, for messages: `"row 5"`, `"line 7"`.
  ///   - fail: Makes the error for a problem.
  static func numeric(
    _ values: [Double], kind: TargetKind, where location: (Int) -> String, fail: (String) -> DataError
  ) throws -> Encoded {
    let nonInteger = values.firstIndex { !isInteger($0) }
    if kind == .regression || (kind == .automatic && nonInteger != nil) {
      return Encoded(
        targets: Matrix(rows: values.count, columns: 1, elements: values), labels: nil, classNames: [])
    }
    if let nonInteger {
      throw fail(
        "the label \(values[nonInteger]) at \(location(nonInteger)) is not an integer; classes need integer "
          + "labels (use a regression loss for real-valued targets)")
    }
    let classes = Array(Set(values)).sorted()
    let indexOf = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let labels = values.map { indexOf[$0]! }
    return try oneHot(labels: labels, classNames: classes.map { String(Int64($0)) })
  }

  /// Encodes text labels as classes, numbered in order of first appearance.
  ///
  /// - Parameters:
  ///   - values: One label per sample.
  ///   - kind: ``TargetKind/regression`` is an error: text is not a number.
  ///   - fail: Makes the error for a problem.
  static func text(_ values: [String], kind: TargetKind, fail: (String) -> DataError) throws -> Encoded {
    if kind == .regression {
      let example = values.first { Double($0) == nil } ?? values.first ?? ""
      throw fail("the labels are text ('\(example)'), but regression needs numbers")
    }
    var classes = ClassNumbering()
    let labels = values.map { classes.index(of: $0) }
    return try oneHot(labels: labels, classNames: classes.names)
  }

  /// Whether `value` is an integer a class index can come from (|value| < 2⁵³).
  static func isInteger(_ value: Double) -> Bool {
    value.isFinite && value.rounded() == value && abs(value) < 9_007_199_254_740_992
  }

  private static func oneHot(labels: [Int], classNames: [String]) throws -> Encoded {
    Encoded(
      targets: try Matrix.oneHot(labels: labels, classCount: max(classNames.count, 1)), labels: labels,
      classNames: classNames)
  }
}
