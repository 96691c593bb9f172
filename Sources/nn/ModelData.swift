import NNCore
import NNData
import NNLayers
import NNTraining

/// Data read for a saved model (`nn eval`, `nn predict`): standardised as the model was trained, its width
/// checked, and for classification its labels renumbered to the model's classes by name.
enum ModelData {
  /// The data set with targets the model's loss takes, for evaluation.
  ///
  /// - Parameters:
  ///   - model: The loaded model.
  ///   - name: `iris` or a data file's path.
  ///   - options: How to read the file.
  /// - Throws: ``CommandFailure`` (65) when the width, the classes or the targets do not fit the model.
  static func labelled(for model: LoadedModel, name: String, options: DataLoadOptions) throws -> Dataset {
    var options = options
    options.targetKind = model.isClassification ? .classification : .regression
    let loaded = try DataLoader.load(source: name, options: options)
    let features = try standardized(loaded.features, for: model, source: loaded.name)
    let outputWidth = model.network.outputWidth
    guard model.isClassification else {
      guard loaded.targetCount == outputWidth else {
        throw CommandFailure(
          "the model predicts \(outputWidth) targets, \(loaded.name) has \(loaded.targetCount)", status: .dataError)
      }
      return try Dataset(
        name: loaded.name, features: features, targets: loaded.targets, labels: nil, classNames: [],
        featureNames: loaded.featureNames)
    }
    let classNames = model.file.classNames
    let labels = try (loaded.labels ?? []).map { label in
      let className = loaded.classNames[label]
      guard let index = classNames.firstIndex(of: className) else {
        throw CommandFailure(
          "\(loaded.name) has the class '\(className)', not one of the model's: \(classNames.joined(separator: ", "))"
            + "; keep the model's classes with --classes \(classNames.joined(separator: ","))",
          status: .dataError)
      }
      return index
    }
    let dataset = try Dataset(
      name: loaded.name, features: features, labels: labels, classNames: classNames,
      featureNames: loaded.featureNames)
    return outputWidth == 1 ? try dataset.withBinaryTargets() : dataset
  }

  /// The features to predict from, standardised. A file may hold just the features: when it has one column
  /// fewer than the model takes because its last column was read as labels, that column is put back.
  ///
  /// - Parameters:
  ///   - model: The loaded model.
  ///   - name: `iris` or a data file's path.
  ///   - options: How to read the file.
  ///   - labelsGiven: Whether the user named a label column or variable (then nothing is put back).
  static func features(for model: LoadedModel, name: String, options: DataLoadOptions, labelsGiven: Bool) throws
    -> Matrix
  {
    let loaded = try DataLoader.load(source: name, options: options)
    var features = loaded.features
    if !labelsGiven, features.columns + 1 == model.network.inputWidth, let column = lastColumn(of: loaded) {
      var rows: [[Double]] = []
      for row in 0..<features.rows { rows.append(features.row(row) + [column[row]]) }
      features = Matrix(rows)
    }
    return try standardized(features, for: model, source: loaded.name)
  }

  /// `1 feature`, `4 features`.
  ///
  /// - Parameter count: The number of features.
  static func features(_ count: Int) -> String { count == 1 ? "1 feature" : "\(count) features" }

  private static func lastColumn(of dataset: Dataset) -> [Double]? {
    guard let labels = dataset.labels else {
      return dataset.targetCount == 1 ? (0..<dataset.count).map { dataset.targets[$0, 0] } : nil
    }
    let values = dataset.classNames.map { Double($0) }
    guard values.allSatisfy({ $0 != nil }) else { return nil }
    return labels.map { values[$0]! }
  }

  private static func standardized(_ features: Matrix, for model: LoadedModel, source: String) throws -> Matrix {
    guard features.columns == model.network.inputWidth else {
      throw CommandFailure(
        "the model takes \(Self.features(model.network.inputWidth)), \(source) has \(features.columns)",
        status: .dataError)
    }
    guard let standardization = model.file.standardization else { return features }
    return try standardization.applied(to: features)
  }
}
