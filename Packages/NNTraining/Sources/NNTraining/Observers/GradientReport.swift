import Foundation
import NNCore
import NNLayers

/// Per-layer gradient sizes over a run, for `--report-gradients`: the seed's vanishing-gradient experiment.
///
/// For each layer with parameters `l` (a dense layer), averaged over the steps:
/// ```
/// error terms:       mean over the batch's rows i of ‖δₗᵢ‖,  δₗ = ∂L/∂zₗ (the gradient at the layer's output)
/// weight gradients:  ‖∂L/∂Wₗ‖ (Frobenius norm)
/// ```
/// With sigmoid hidden layers the error terms shrink by an order of magnitude per layer towards the input.
public struct GradientReport: Encodable, Sendable {
  /// One layer's averages.
  public struct Row: Encodable, Sendable {
    /// The layer's position among all layers, from 1.
    public let layer: Int
    /// The layer's specification, such as `dense(bias=true, units=3)`.
    public let name: String
    /// The mean over steps of the mean row norm of its error terms.
    public let errorTermNorm: Double
    /// The mean over steps of the norm of its weight gradient.
    public let weightGradientNorm: Double

    private enum CodingKeys: String, CodingKey {
      case layer, name
      case errorTermNorm = "error_term_norm"
      case weightGradientNorm = "weight_gradient_norm"
    }
  }

  private let layers: [Int]
  private let names: [String]
  private var errorTermSums: [Double]
  private var weightGradientSums: [Double]
  private var steps = 0

  /// A report over the layers of `network` that have parameters.
  ///
  /// - Parameter network: The network being trained.
  init(network: Sequential) {
    layers = network.parameters.indices.filter { !network.parameters[$0].isEmpty }
    names = layers.map { network.layers[$0].configuration.description }
    errorTermSums = Array(repeating: 0, count: layers.count)
    weightGradientSums = errorTermSums
  }

  /// Adds the last step's gradients (the trainer must run layer by layer).
  ///
  /// - Parameter trainer: The trainer, just after a step.
  mutating func record(_ trainer: Trainer) {
    let outputGradients = trainer.layerOutputGradients
    for (position, layer) in layers.enumerated() {
      let delta = outputGradients[layer]
      let total =
        delta.elementType == .float64 ? Self.rowNormSum(delta, Double.self) : Self.rowNormSum(delta, Float.self)
      errorTermSums[position] += delta.rows > 0 ? total / Double(delta.rows) : 0
      let weights = trainer.parameterGradients[layer][0]
      weightGradientSums[position] += weights.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
    steps += 1
  }
  /// The sum over rows of each row's Euclidean norm, `Σᵢ ‖δᵢ‖`, accumulated in `Double`.
  private static func rowNormSum<Element: MatrixElement>(_ delta: Matrix, _ type: Element.Type) -> Double {
    delta.withUnsafeBufferPointer(as: type) { buffer in
      var total = 0.0
      for row in 0..<delta.rows {
        var squares = 0.0
        for column in 0..<delta.columns {
          let value = Double(buffer[row * delta.columns + column])
          squares += value * value
        }
        total += squares.squareRoot()
      }
      return total
    }
  }

  /// The averages, first layer first.
  public var rows: [Row] {
    let count = Double(max(steps, 1))
    return layers.indices.map {
      Row(
        layer: layers[$0] + 1, name: names[$0], errorTermNorm: errorTermSums[$0] / count,
        weightGradientNorm: weightGradientSums[$0] / count)
    }
  }

  /// A table for people.
  public var text: String {
    var lines = ["gradients, mean over \(steps) steps:", "  layer  error terms ‖δ‖  weight gradient ‖∂L/∂W‖"]
    for row in rows {
      lines.append(
        "  \(String(row.layer).leftPadded(to: 5))  \(String(format: "%14.6e", row.errorTermNorm))  "
          + "\(String(format: "%22.6e", row.weightGradientNorm))  \(row.name)")
    }
    return lines.joined(separator: "\n")
  }

  /// Encodes the rows, first layer first, as a JSON array.
  ///
  /// - Parameter encoder: The encoder.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for row in rows { try container.encode(row) }
  }
}
