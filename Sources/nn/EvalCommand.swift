import ArgumentParser
import NNCore
import NNLayers
import NNTraining

/// `nn eval`: scores a saved model on a data set.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate a saved model: loss, accuracy, per-class precision/recall/F1 and confusion, or MSE/MAE/R².",
    discussion: """
      The data is read like `nn train --data` and standardised as the model was trained; its classes are \
      matched to the model's by name.
      """)

  @Option(help: "The model file written by `nn train --save`.")
  var model: String

  @Option(help: "The data: 'iris' for the bundled copy, or a MAT, CSV or UCI iris-format file.")
  var data = "iris"

  @OptionGroup var dataArguments: DataArguments

  @Flag(help: "Print one JSON object instead of the text report.")
  var json = false

  mutating func run() throws {
    try reportingFailures("eval") {
      let loaded = try LoadedModel(path: model, registry: try Plugins.registry())
      let dataset = try loaded.labelledData(source: data, options: try dataArguments.options())
      // The trainer `nn train` reports its final loss with: a network the fused kernel trains is evaluated by it here
      // too, so that both report the same loss to the last digit.
      let trainer = loaded.trainer()
      let (loss, outputs) = try trainer.evaluate(inputs: dataset.features, targets: dataset.targets)
      let report: EvaluationReport
      if let labels = dataset.labels {
        let metrics = try ClassificationMetrics(outputs: outputs, labels: labels, classCount: dataset.classNames.count)
        report = try EvaluationReport(
          data: dataset.name, loss: loss, classification: metrics, classNames: dataset.classNames)
      } else {
        let metrics = try RegressionMetrics(outputs: outputs, targets: dataset.targets)
        report = EvaluationReport(data: dataset.name, loss: loss, regression: metrics)
      }
      print(json ? try JSONLine.text(report) : report.description)
    }
  }
}
