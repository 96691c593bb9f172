import NNCore
import NNTraining
import Testing

/// Regression metrics against examples worked out by hand.
@Suite("metrics: regression")
struct RegressionMetricsTests {
  @Test("MSE, MAE and R² of two outputs, R² averaged over the outputs")
  func twoOutputs() throws {
    let targets = Matrix([[1, 1], [3, 3], [5, 5]])
    let outputs = Matrix([[1, 2], [2, 2], [3, 5]])
    let metrics = try RegressionMetrics(outputs: outputs, targets: targets)
    // Errors: column 0: 0, −1, −2; column 1: 1, −1, 0. Squares sum to 5 + 2 = 7, absolute values to 3 + 2 = 5,
    // over 6 elements.
    #expect(abs(metrics.meanSquaredError - 7.0 / 6) < 1e-15)
    #expect(abs(metrics.meanAbsoluteError - 5.0 / 6) < 1e-15)
    // Both target columns have mean 3 and SS_tot = 4 + 0 + 4 = 8: R²₀ = 1 − 5/8 = 3/8, R²₁ = 1 − 2/8 = 3/4;
    // their mean is 9/16.
    #expect(metrics.outputRSquared == [3.0 / 8, 3.0 / 4])
    #expect(metrics.rSquared == 9.0 / 16)
    #expect(metrics.sampleCount == 3)
  }

  @Test("a constant target column: R² is 1 when predicted exactly, 0 otherwise")
  func constantTargets() throws {
    let targets = Matrix([[2], [2]])
    let exact = try RegressionMetrics(outputs: Matrix([[2], [2]]), targets: targets)
    #expect(exact.rSquared == 1)
    #expect(exact.meanSquaredError == 0)
    let missed = try RegressionMetrics(outputs: Matrix([[2], [3]]), targets: targets)
    #expect(missed.rSquared == 0)
    #expect(missed.meanSquaredError == 0.5)
    #expect(missed.meanAbsoluteError == 0.5)
  }

  @Test("outputs of another shape than the targets are refused")
  func shapeMismatch() {
    #expect(throws: MetricError.shapeMismatch(outputs: "2×1", targets: "2×2")) {
      try RegressionMetrics(outputs: Matrix([[1], [2]]), targets: Matrix([[1, 2], [3, 4]]))
    }
  }
}
