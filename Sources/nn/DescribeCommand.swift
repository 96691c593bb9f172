import ArgumentParser
import Foundation
import NNData

/// `nn data describe FILE`: how a data file is read: samples, features, task, classes and their counts.
struct DescribeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe",
    abstract: "Show how a data file is read: samples, features, classification or regression, classes.",
    discussion: "Takes the same data flags as `nn train`; `iris` means the bundled copy.")

  @Argument(help: "A MAT, CSV or iris file, or `iris`.")
  var file: String

  @OptionGroup var dataArguments: DataArguments

  @Flag(help: "Print one JSON object.")
  var json = false

  mutating func run() throws {
    try reportingFailures("data describe") {
      let dataset = try DataLoader.load(source: file, options: try dataArguments.options())
      let summary = DatasetSummary(dataset)
      if json {
        print(try JSONLine.text(summary))
      } else {
        print(summary.text, terminator: "")
      }
    }
  }
}

/// What `nn data describe` reports about a data set.
struct DatasetSummary: Encodable {
  let name: String
  let samples: Int
  let features: [String]
  let task: String
  let classes: [String]
  let classCounts: [Int]
  let targets: Int

  private enum CodingKeys: String, CodingKey {
    case name, samples, features, task, classes, targets
    case classCounts = "class_counts"
  }

  /// The summary of a loaded data set.
  ///
  /// - Parameter dataset: The data set.
  init(_ dataset: Dataset) {
    name = dataset.name
    samples = dataset.count
    features = dataset.featureNames
    task = dataset.isClassification ? "classification" : "regression"
    classes = dataset.classNames
    classCounts = dataset.classCounts
    targets = dataset.targetCount
  }

  /// A few lines for people.
  var text: String {
    var lines = [
      "\(name): \(samples) samples, \(features.count) features (\(features.joined(separator: ", ")))",
      "task: \(task), \(targets) target column\(targets == 1 ? "" : "s")",
    ]
    if !classes.isEmpty {
      let counts = zip(classes, classCounts).map { "\($0) (\($1))" }
      lines.append("classes: \(counts.joined(separator: ", "))")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
