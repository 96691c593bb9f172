import NNCore

/// The scores of a regression: mean squared error, mean absolute error and the coefficient of determination
/// R² (scikit-learn's `mean_squared_error`, `mean_absolute_error` and `r2_score` with uniform averaging).
///
/// For outputs `ŷ` and targets `y` of `n` rows and `m` columns, `ȳⱼ` the mean of target column `j`:
///
/// ```
/// MSE  = (1 / nm) · Σᵢⱼ (ŷᵢⱼ − yᵢⱼ)²
/// MAE  = (1 / nm) · Σᵢⱼ |ŷᵢⱼ − yᵢⱼ|
/// R²ⱼ  = 1 − Σᵢ (ŷᵢⱼ − yᵢⱼ)² / Σᵢ (yᵢⱼ − ȳⱼ)²
/// R²   = (1 / m) · Σⱼ R²ⱼ
/// ```
///
/// A column of constant targets has no variance to explain: its R²ⱼ is 1 when it is predicted exactly and 0
/// otherwise (scikit-learn's `force_finite`). With no rows, MSE and MAE are 0 and every R²ⱼ is 1; with no
/// columns, R² is 0.
///
/// ```swift
/// let metrics = try RegressionMetrics(outputs: try network.predict(test.features), targets: test.targets)
/// print(metrics.meanSquaredError, metrics.rSquared)
/// ```
public struct RegressionMetrics: Equatable, Sendable {
  /// The mean squared error over every output of every sample.
  public let meanSquaredError: Double
  /// The mean absolute error over every output of every sample.
  public let meanAbsoluteError: Double
  /// The coefficient of determination, averaged over the outputs.
  public let rSquared: Double
  /// The coefficient of determination of each output column.
  public let outputRSquared: [Double]
  /// The number of samples scored.
  public let sampleCount: Int

  /// The scores of a model's outputs against the targets.
  ///
  /// - Parameters:
  ///   - outputs: The model's outputs, one sample a row.
  ///   - targets: The true values, of the same shape.
  /// - Throws: ``MetricError/shapeMismatch(outputs:targets:)`` when the shapes differ.
  public init(outputs: Matrix, targets: Matrix) throws(MetricError) {
    guard outputs.rows == targets.rows, outputs.columns == targets.columns else {
      throw .shapeMismatch(
        outputs: "\(outputs.rows)×\(outputs.columns)", targets: "\(targets.rows)×\(targets.columns)")
    }
    var squared = 0.0
    var absolute = 0.0
    var outputRSquared: [Double] = []
    for column in 0..<targets.columns {
      var mean = 0.0
      for row in 0..<targets.rows { mean += targets[row, column] }
      mean /= Double(max(targets.rows, 1))
      var residual = 0.0
      var total = 0.0
      for row in 0..<targets.rows {
        let error = outputs[row, column] - targets[row, column]
        squared += error * error
        absolute += abs(error)
        residual += error * error
        total += (targets[row, column] - mean) * (targets[row, column] - mean)
      }
      outputRSquared.append(total > 0 ? 1 - residual / total : (residual == 0 ? 1 : 0))
    }
    let elements = Double(max(targets.count, 1))
    meanSquaredError = squared / elements
    meanAbsoluteError = absolute / elements
    rSquared = outputRSquared.reduce(0, +) / Double(max(targets.columns, 1))
    self.outputRSquared = outputRSquared
    sampleCount = targets.rows
  }
}
