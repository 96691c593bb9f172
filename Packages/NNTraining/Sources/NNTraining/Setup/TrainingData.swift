import NNCore
import NNData

/// The data of one training run: the training part, the test part if one is held out, and the
/// standardisation fitted on the training part.
public struct TrainingData {
  /// The samples trained on.
  public var train: Dataset
  /// The held-out samples, when `--test-fraction` is set.
  public var test: Dataset?
  /// The standardisation applied to both parts, when `--standardize` is set.
  public var standardization: Standardization?

  /// Losses that compare with class labels: with one of them, labels that are not integers are an error.
  public static let classificationLosses: Set<String> = [
    "softmax_cross_entropy", "binary_cross_entropy", "binary_cross_entropy_with_logits", "hinge",
  ]

  /// Loads the data, splits off a test part (stratified by class, seeded), standardises with statistics of the
  /// training part only, and shapes the targets to the network's output width.
  ///
  /// - Parameters:
  ///   - settings: Checked settings.
  ///   - random: The run's random source (the split draws from it first).
  public static func prepare(settings: TrainingSettings, random: RandomSource) throws -> TrainingData {
    var options = settings.dataOptions
    if let loss = settings.loss, let name = try? ComponentRequest(parsing: loss).name,
      classificationLosses.contains(name)
    {
      options.targetKind = .classification
    }
    // The network's element type from the start: split and standardisation then compute as training will.
    let full = try DataLoader.load(source: settings.data, options: options).converted(to: settings.elementType)
    var data = TrainingData(train: full, test: nil, standardization: nil)
    if let fraction = settings.testFraction {
      let parts: (train: Dataset, test: Dataset)
      do {
        parts = try full.split(testFraction: fraction, stratified: full.isClassification, random: random)
      } catch DataError.invalidArgument(_, let problem) {
        throw TrainingError("--test-fraction \(fraction): \(problem)")
      }
      data.train = parts.train
      data.test = parts.test
    }
    if settings.standardize {
      let standardization = try Standardization(fittedTo: data.train)
      data.train = try standardization.applied(to: data.train)
      data.test = try data.test.map { try standardization.applied(to: $0) }
      data.standardization = standardization
    }
    let width = try outputWidth(for: full, settings: settings)
    if width != full.targetCount {
      data.train = try data.train.withBinaryTargets()
      data.test = try data.test?.withBinaryTargets()
    }
    return data
  }

  /// The output width: the number of classes (a two-class problem with a sigmoid output gets one unit that
  /// takes the 0/1 label directly), or the number of regression targets; `--outputs` overrides where it fits.
  ///
  /// - Parameters:
  ///   - dataset: The whole data set.
  ///   - settings: Checked settings.
  public static func outputWidth(for dataset: Dataset, settings: TrainingSettings) throws -> Int {
    let natural = dataset.targetCount
    let twoClasses = dataset.isClassification && dataset.classCount == 2
    let singleUnitByDefault = twoClasses && settings.resolvedOutputActivation(classification: true) != "softmax"
    guard let requested = settings.outputs else { return singleUnitByDefault ? 1 : natural }
    if requested == natural || (twoClasses && requested == 1) { return requested }
    let accepted = twoClasses ? "1 or 2 for two classes" : "\(natural), the width of the targets"
    throw TrainingError("--outputs \(requested) does not fit \(dataset.name): use \(accepted)")
  }
}
