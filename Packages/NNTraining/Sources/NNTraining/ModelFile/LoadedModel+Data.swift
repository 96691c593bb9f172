import NNCore
import NNData
import NNLayers

extension LoadedModel {
  /// The data set at `source`, its features in the network's element type and standardised as the model was
  /// trained, with targets the model's loss takes: what `nn eval` scores.
  ///
  /// - Parameters:
  ///   - name: `iris` or a data file's path.
  ///   - options: How to read the file.
  /// - Throws: ``TrainingError`` (of kind data) when the width, the classes or the targets do not fit the model.
  public func labelledData(source name: String, options: DataLoadOptions) throws -> Dataset {
    var options = options
    options.targetKind = isClassification ? .classification : .regression
    let loaded = try DataLoader.load(source: name, options: options)
    let features = try standardized(loaded.features, source: loaded.name)
    let outputWidth = network.outputWidth
    guard isClassification else {
      guard loaded.targetCount == outputWidth else {
        throw TrainingError(
          "the model predicts \(outputWidth) targets, \(loaded.name) has \(loaded.targetCount)", kind: .data)
      }
      return try Dataset(
        name: loaded.name, features: features, targets: loaded.targets, labels: nil, classNames: [],
        featureNames: loaded.featureNames)
    }
    let classNames = file.classNames
    let labels = try (loaded.labels ?? []).map { label in
      let className = loaded.classNames[label]
      guard let index = classNames.firstIndex(of: className) else {
        throw TrainingError(
          "\(loaded.name) has the class '\(className)', not one of the model's: \(classNames.joined(separator: ", "))"
            + "; keep the model's classes with --classes \(classNames.joined(separator: ","))", kind: .data)
      }
      return index
    }
    let dataset = try Dataset(
      name: loaded.name, features: features, labels: labels, classNames: classNames,
      featureNames: loaded.featureNames)
    return outputWidth == 1 ? try dataset.withBinaryTargets() : dataset
  }

  /// The features to predict from, in the network's element type and standardised, as `nn predict` reads them. A file may hold just the features:
  /// when it has one column fewer than the model takes because its last column was read as labels, that column is
  /// put back.
  ///
  /// - Parameters:
  ///   - name: `iris` or a data file's path.
  ///   - options: How to read the file.
  ///   - labelsGiven: Whether the user named a label column or variable (then nothing is put back).
  public func features(source name: String, options: DataLoadOptions, labelsGiven: Bool) throws -> Matrix {
    let loaded = try DataLoader.load(source: name, options: options)
    var features = loaded.features
    if !labelsGiven, features.columns + 1 == network.inputWidth, let column = Self.lastColumn(of: loaded) {
      var rows: [[Double]] = []
      for row in 0..<features.rows { rows.append(features.row(row) + [column[row]]) }
      features = Matrix(rows)
    }
    return try standardized(features, source: loaded.name)
  }

  private static func lastColumn(of dataset: Dataset) -> [Double]? {
    guard let labels = dataset.labels else {
      return dataset.targetCount == 1 ? (0..<dataset.count).map { dataset.targets[$0, 0] } : nil
    }
    let values = dataset.classNames.map { Double($0) }
    guard values.allSatisfy({ $0 != nil }) else { return nil }
    return labels.map { values[$0]! }
  }

  private func standardized(_ features: Matrix, source: String) throws -> Matrix {
    guard features.columns == network.inputWidth else {
      throw TrainingError(
        "the model takes \(TrainingSession.features(network.inputWidth)), \(source) has \(features.columns)",
        kind: .data)
    }
    // In the network's element type before standardising, as in training.
    let features = features.converted(to: network.elementType)
    guard let standardization = file.standardization else { return features }
    return try standardization.applied(to: features)
  }
}
