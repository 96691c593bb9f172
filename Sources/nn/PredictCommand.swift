import ArgumentParser
import Foundation
import NNCore
import NNLayers
import NNTraining

/// `nn predict`: a saved model's predictions for every sample of a data set.
struct Predict: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract:
      "Predict with a saved model: one row per sample, the predicted class and class probabilities, or the outputs.",
    discussion: """
      The data is read like `nn train --data` (a file of features only works too) and standardised as the model \
      was trained. Without --output the predictions are printed as CSV.
      """)

  @Option(help: "The model file written by `nn train --save`.")
  var model: String

  @Option(help: "The data: 'iris' for the bundled copy, or a MAT, CSV or UCI iris-format file.")
  var data = "iris"

  @OptionGroup var dataArguments: DataArguments

  @Option(help: "Write the predictions to this .csv or .mat file (atomically) instead of printing them.")
  var output: String?

  mutating func run() throws {
    try reportingFailures("predict") {
      let loaded = try LoadedModel(path: model, registry: try Plugins.registry())
      let labelsGiven = dataArguments.labels != nil || dataArguments.labelColumn != nil
      let features = try loaded.features(
        source: data, options: try dataArguments.options(), labelsGiven: labelsGiven)
      let table = PredictionTable(outputs: try loaded.network.predict(features), classNames: loaded.file.classNames)
      if let output {
        guard let format = PredictionTable.Format(path: output) else {
          throw CommandFailure("--output must end in .csv or .mat, got '\(output)'")
        }
        try table.write(path: output, format: format)
      } else {
        print(table.csv(), terminator: "")
      }
    }
  }
}
