import NNCore

/// A data set in memory: one sample a row of ``features``, with what the loss compares each sample with.
///
/// For classification, ``labels`` holds each sample's class index into ``classNames`` and ``targets`` holds
/// the matching one-hot rows (`targets[i][j] = 1` when `labels[i] = j`, otherwise 0). For regression,
/// ``labels`` is `nil`, ``classNames`` is empty and ``targets`` holds the real-valued outputs.
///
/// The initialisers check that the parts agree and throw a ``DataError`` naming the disagreement.
public struct Dataset: Sendable, Equatable {
  /// A short name for messages and reports: the file name, or `iris` for the bundled copy.
  public internal(set) var name: String
  /// The inputs, `count × featureCount`, one sample a row.
  public internal(set) var features: Matrix
  /// What the loss compares the network's output with, one row per sample: one-hot rows for
  /// classification, real values for regression.
  public internal(set) var targets: Matrix
  /// The class index of each sample, in `0..<classCount`, or `nil` for regression.
  public internal(set) var labels: [Int]?
  /// The name of each class, indexed by label; empty for regression.
  public internal(set) var classNames: [String]
  /// The name of each feature column.
  public internal(set) var featureNames: [String]

  /// A data set from its parts, after checking that they agree.
  ///
  /// - Parameters:
  ///   - name: A short name for messages, such as the file name.
  ///   - features: The inputs, one sample a row.
  ///   - targets: One row per sample; for classification, one column per class.
  ///   - labels: The class index of each sample, or `nil` for regression.
  ///   - classNames: The class names, indexed by label; must be empty when `labels` is `nil`.
  ///   - featureNames: One name per feature column; when empty, `feature 1`, `feature 2`, … are used.
  /// - Throws: ``DataError/inconsistentDataset(name:problem:)`` when row or column counts disagree or a label
  ///   is out of range.
  public init(
    name: String, features: Matrix, targets: Matrix, labels: [Int]?, classNames: [String],
    featureNames: [String] = []
  ) throws {
    let names =
      featureNames.isEmpty ? Dataset.defaultFeatureNames(count: features.columns) : featureNames
    try Dataset.validate(
      name: name, features: features, targets: targets, labels: labels, classNames: classNames,
      featureNames: names)
    self.name = name
    self.features = features
    self.targets = targets
    self.labels = labels
    self.classNames = classNames
    self.featureNames = names
  }

  /// A classification data set whose targets are the one-hot encoding of `labels`.
  ///
  /// - Parameters:
  ///   - name: A short name for messages, such as the file name.
  ///   - features: The inputs, one sample a row.
  ///   - labels: The class index of each sample, one per row of `features`.
  ///   - classNames: The class names, indexed by label; when `nil`, the classes are named `0`, `1`, … up to
  ///     the largest label.
  ///   - featureNames: One name per feature column; when empty, `feature 1`, `feature 2`, … are used.
  /// - Throws: ``DataError/inconsistentDataset(name:problem:)`` when the counts disagree or a label is out of
  ///   range.
  public init(
    name: String, features: Matrix, labels: [Int], classNames: [String]? = nil,
    featureNames: [String] = []
  ) throws {
    let classes = classNames ?? (0..<((labels.max() ?? -1) + 1)).map { String($0) }
    guard !classes.isEmpty else {
      throw DataError.inconsistentDataset(
        name: name, problem: "no classes: expected labels or class names")
    }
    let targets: Matrix
    do {
      targets = try Matrix.oneHot(labels: labels, classCount: classes.count)
    } catch DataError.invalidArgument(_, let problem) {
      throw DataError.inconsistentDataset(name: name, problem: problem)
    }
    try self.init(
      name: name, features: features, targets: targets, labels: labels, classNames: classes,
      featureNames: featureNames)
  }

  /// The number of samples (rows).
  public var count: Int { features.rows }

  /// The number of features (columns of ``features``).
  public var featureCount: Int { features.columns }

  /// The number of target columns: the network's output width.
  public var targetCount: Int { targets.columns }

  /// The number of classes; zero for regression.
  public var classCount: Int { classNames.count }

  /// Whether the samples carry class labels.
  public var isClassification: Bool { labels != nil }

  /// How many samples each class has, indexed by label; empty for regression.
  public var classCounts: [Int] {
    guard let labels else { return [] }
    var counts = Array(repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
  }

  /// `feature 1`, `feature 2`, …: the names used when none are given.
  ///
  /// - Parameter count: The number of names.
  static func defaultFeatureNames(count: Int) -> [String] {
    (0..<count).map { "feature \($0 + 1)" }
  }

  /// Checks that the parts of a data set agree, throwing a message that names the first disagreement.
  static func validate(
    name: String, features: Matrix, targets: Matrix, labels: [Int]?, classNames: [String],
    featureNames: [String]
  ) throws {
    func fail(_ problem: String) -> DataError { .inconsistentDataset(name: name, problem: problem) }
    if let labels, labels.count != features.rows {
      throw fail("\(features.rows) samples but \(labels.count) labels")
    }
    guard targets.rows == features.rows else {
      throw fail("\(features.rows) feature rows but \(targets.rows) target rows")
    }
    guard featureNames.count == features.columns else {
      throw fail("\(features.columns) feature columns but \(featureNames.count) feature names")
    }
    guard let labels else {
      guard classNames.isEmpty else {
        throw fail("\(classNames.count) class names but no labels")
      }
      return
    }
    guard !classNames.isEmpty else { throw fail("labels but no class names") }
    guard targets.columns == classNames.count || (classNames.count == 2 && targets.columns == 1) else {
      throw fail(
        "\(classNames.count) classes but \(targets.columns) target columns "
          + "(expected one per class, or a single 0/1 column for two classes)")
    }
    if let position = labels.firstIndex(where: { $0 < 0 || $0 >= classNames.count }) {
      throw fail(
        "label \(labels[position]) of sample \(position + 1) is outside 0..<\(classNames.count) "
          + "(\(classNames.count) classes)")
    }
  }
}
