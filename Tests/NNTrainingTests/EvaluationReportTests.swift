import Foundation
import NNCore
import NNTraining
import Testing

/// The evaluation report: the text `nn eval` prints and the keys of its JSON object.
@Suite("metrics: evaluation report")
struct EvaluationReportTests {
  /// The three-class example of ``ClassificationMetricsTests`` with classes `a`, `bb`, `c` and a loss of 0.5.
  static func classification() throws -> EvaluationReport {
    let metrics = try ClassificationMetrics(
      predictedClasses: ClassificationMetricsTests.predictions, labels: ClassificationMetricsTests.labels,
      classCount: 3)
    return try EvaluationReport(data: "toy", loss: 0.5, classification: metrics, classNames: ["a", "bb", "c"])
  }

  /// The report encoded as JSON and read back as an object.
  static func object(_ report: EvaluationReport) throws -> [String: Any] {
    let data = try JSONEncoder().encode(report)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("classification text: four decimals, the class table and the confusion matrix in aligned columns")
  func classificationText() throws {
    // Names pad to 5 characters ("class"), table cells to 9 and 8, confusion cells to 6, two spaces apart;
    // trailing spaces are cut. Per-class scores as worked out in ClassificationMetricsTests.
    let expected = """
      evaluated on toy: 10 samples
      loss 0.5000
      accuracy 0.7000

      class  precision  recall    f1        support
      a      0.7500     0.7500    0.7500    4
      bb     0.6667     0.5000    0.5714    4
      c      0.6667     1.0000    0.8000    2

      confusion matrix (rows: true class, columns: predicted class)
             a       bb      c
      a      3       1       0
      bb     1       2       1
      c      0       0       2
      """
    #expect(try Self.classification().description == expected)
  }

  @Test("classification JSON: accuracy, classes with name, precision, recall, f1 and support, and confusion")
  func classificationJSON() throws {
    let object = try Self.object(try Self.classification())
    #expect(Set(object.keys) == ["data", "samples", "loss", "accuracy", "classes", "confusion"])
    #expect(object["samples"] as? Int == 10)
    #expect(object["accuracy"] as? Double == 0.7)
    #expect(object["confusion"] as? [[Int]] == [[3, 1, 0], [1, 2, 1], [0, 0, 2]])
    let classes = try #require(object["classes"] as? [[String: Any]])
    #expect(classes.map { $0["name"] as? String } == ["a", "bb", "c"])
    #expect(Set(classes[0].keys) == ["name", "precision", "recall", "f1", "support"])
    #expect(classes[2]["f1"] as? Double == 0.8)
    #expect(classes[1]["support"] as? Int == 4)
  }

  @Test("regression: MSE, MAE and R² in text and JSON, nothing of classification")
  func regression() throws {
    // Errors 1 and −1 against targets 0 and 2 (mean 1, SS_tot 2): MSE 1, MAE 1, R² = 1 − 2/2 = 0.
    let metrics = try RegressionMetrics(outputs: Matrix([[1], [1]]), targets: Matrix([[0], [2]]))
    let report = EvaluationReport(data: "line", loss: 0.25, regression: metrics)
    #expect(report.description == "evaluated on line: 2 samples\nloss 0.2500\nmse 1.0000  mae 1.0000  r2 0.0000")
    let object = try Self.object(report)
    #expect(Set(object.keys) == ["data", "samples", "loss", "mse", "mae", "r2"])
    #expect(object["r2"] as? Double == 0)
  }

  @Test("class names must match the classes in number")
  func classNames() throws {
    let metrics = try ClassificationMetrics(predictedClasses: [0], labels: [0], classCount: 2)
    #expect(throws: MetricError.self) {
      try EvaluationReport(data: "d", loss: 0, classification: metrics, classNames: ["only"])
    }
  }
}
