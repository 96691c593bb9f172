import NNCore
import NNLayers

/// What a numpy reference needs to retrace our training exactly: the initial parameters, every batch's row
/// indices and every step's loss, for `iris` and `digits`.
public enum FidelityTrace {
  /// The trace of the first `steps` steps of `workload` (`iris` or `digits`) from `seed`, as one JSON object:
  /// `parameters` (per layer: the weight rows, then for digits the bias row), `batches` and `losses`.
  public static func record(workload: String, seed: UInt64, steps: Int) throws -> JSONLine {
    var batches: [[Int]] = []
    var losses: [Double] = []
    let parameters: [[Matrix]]
    switch workload {
    case "iris":
      let iris = try IrisWorkload(seed: seed)
      parameters = iris.trainer.network.parameters
      for _ in 0..<steps { losses.append(try iris.step(recordingRowsInto: &batches)) }
    case "digits":
      let training = try DigitsWorkload.training(seed: seed).training
      parameters = training.trainer.network.parameters
      for _ in 0..<steps { losses.append(try training.step(recordingRowsInto: &batches)) }
    default:
      throw FidelityTraceError.unsupportedWorkload(workload)
    }
    var line = JSONLine()
    line["workload"] = .string(workload)
    line["seed"] = .integer(Int(seed))
    line["parameters"] = .array(parameters.map { layer in .array(layer.map(encoded)) })
    line["batches"] = .array(batches.map { rows in .array(rows.map { .integer($0) }) })
    line["losses"] = .array(losses.map { .exactNumber($0) })
    return line
  }

  /// A matrix as an array of rows of exact numbers.
  private static func encoded(_ matrix: Matrix) -> JSONValue {
    .array((0..<matrix.rows).map { row in .array((0..<matrix.columns).map { .exactNumber(matrix[row, $0]) }) })
  }
}

/// Why a trace could not be recorded.
public enum FidelityTraceError: Error, CustomStringConvertible {
  /// Only `iris` and `digits` are traced.
  case unsupportedWorkload(String)

  /// A one-line message naming the workloads traced.
  public var description: String {
    switch self {
    case .unsupportedWorkload(let name): return "cannot trace '\(name)': only iris and digits are traced"
    }
  }
}
