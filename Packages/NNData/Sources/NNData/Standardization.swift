import NNCore

/// Per-feature standardisation: `x′ = (x − mean) / standardDeviation`, fitted on one data set (the training
/// part) and applied unchanged to others (test data, new samples).
///
/// The standard deviation is the population one, `sqrt(Σ (x − mean)² / n)`, as scikit-learn's
/// `StandardScaler`. A feature that does not vary (standard deviation 0, or below 10⁻¹² of its magnitude) gets
/// the scale 1: it is centred but not divided. The value is `Codable`, so a model file can carry it.
public struct Standardization: Sendable, Equatable, Codable {
  /// The mean of each feature in the data it was fitted on.
  public let means: [Double]
  /// The divisor of each feature: its standard deviation, or 1 for a feature that does not vary.
  public let scales: [Double]

  /// A standardisation from known means and scales.
  ///
  /// - Parameters:
  ///   - means: One mean per feature.
  ///   - scales: One positive, finite divisor per feature.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the counts differ or a scale is not positive.
  public init(means: [Double], scales: [Double]) throws {
    guard means.count == scales.count else {
      throw DataError.invalidArgument(
        name: "standardisation", problem: "\(means.count) means but \(scales.count) scales")
    }
    if let bad = scales.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
      throw DataError.invalidArgument(
        name: "standardisation",
        problem: "the scale of feature \(bad + 1) is \(scales[bad]); expected a positive number")
    }
    self.means = means
    self.scales = scales
  }

  /// Fits the means and standard deviations of the columns of `features`.
  ///
  /// - Parameter features: One sample a row, at least one row.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when there is no row.
  public init(fittedTo features: Matrix) throws {
    guard features.rows > 0 else {
      throw DataError.invalidArgument(name: "standardisation", problem: "cannot fit to data without samples")
    }
    let count = Double(features.rows)
    var means = [Double](repeating: 0, count: features.columns)
    var scales = [Double](repeating: 1, count: features.columns)
    for column in 0..<features.columns {
      var sum = 0.0
      for row in 0..<features.rows { sum += features[row, column] }
      let mean = sum / count
      var squares = 0.0
      for row in 0..<features.rows {
        let deviation = features[row, column] - mean
        squares += deviation * deviation
      }
      let deviation = (squares / count).squareRoot()
      means[column] = mean
      scales[column] = deviation > 1e-12 * max(1, abs(mean)) ? deviation : 1
    }
    self.means = means
    self.scales = scales
  }

  /// Fits the means and standard deviations of a data set's features.
  ///
  /// - Parameter dataset: The data to fit, normally the training part.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the data set is empty.
  public init(fittedTo dataset: Dataset) throws {
    try self.init(fittedTo: dataset.features)
  }

  /// The number of features.
  public var featureCount: Int { means.count }

  /// Standardises the columns of `features` in place: `x[i][j] ← (x[i][j] − means[j]) / scales[j]`, computed in
  /// `Double` and stored in the matrix's element type.
  ///
  /// - Parameter features: One sample a row, ``featureCount`` columns.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the column count differs.
  public func apply(to features: inout Matrix) throws {
    guard features.columns == featureCount else {
      throw DataError.invalidArgument(
        name: "standardisation",
        problem: "fitted to \(featureCount) features, applied to \(features.columns)")
    }
    switch features.elementType {
    case .float64: Self.transform(&features, as: Double.self) { ($0 - means[$1]) / scales[$1] }
    case .float32: Self.transform(&features, as: Float.self) { ($0 - means[$1]) / scales[$1] }
    }
  }

  /// Replaces each element `x` of column `j` of `features` by `transform(x, j)`, computed in `Double` and stored
  /// in the matrix's element type (rounded to nearest for `float32`).
  private static func transform<Element: MatrixElement>(
    _ features: inout Matrix, as type: Element.Type, _ transform: (Double, Int) -> Double
  ) {
    let columns = features.columns
    features.withUnsafeMutableBufferPointer(as: type) { elements in
      for index in elements.indices {
        elements[index] = Element(transform(Double(elements[index]), index % columns))
      }
    }
  }

  /// The standardised copy of `features`.
  ///
  /// - Parameter features: One sample a row, ``featureCount`` columns.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the column count differs.
  public func applied(to features: Matrix) throws -> Matrix {
    var copy = features
    try apply(to: &copy)
    return copy
  }

  /// The data set with standardised features (targets, labels and names unchanged).
  ///
  /// - Parameter dataset: The data to transform.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the feature count differs.
  public func applied(to dataset: Dataset) throws -> Dataset {
    var copy = dataset
    try apply(to: &copy.features)
    return copy
  }

  /// Undoes the standardisation: `x[i][j] = x′[i][j] · scales[j] + means[j]`.
  ///
  /// - Parameter features: Standardised samples, ``featureCount`` columns.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when the column count differs.
  public func inverted(_ features: Matrix) throws -> Matrix {
    guard features.columns == featureCount else {
      throw DataError.invalidArgument(
        name: "standardisation",
        problem: "fitted to \(featureCount) features, applied to \(features.columns)")
    }
    var copy = features
    switch copy.elementType {
    case .float64: Self.transform(&copy, as: Double.self) { $0 * scales[$1] + means[$1] }
    case .float32: Self.transform(&copy, as: Float.self) { $0 * scales[$1] + means[$1] }
    }
    return copy
  }
}
