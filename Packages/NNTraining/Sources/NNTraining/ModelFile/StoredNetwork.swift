import NNCore
import NNLayers

/// A network as a model file stores it: its input width and its layers by registry name and parameters.
public struct StoredNetwork: Codable, Sendable, Equatable {
  /// The number of input features.
  public var inputWidth: Int
  /// Each layer's configuration, first to last.
  public var layers: [ComponentConfiguration]

  private enum CodingKeys: String, CodingKey {
    case layers
    case inputWidth = "input_width"
  }

  /// A stored network.
  ///
  /// - Parameters:
  ///   - inputWidth: The number of input features.
  ///   - layers: Each layer's configuration, first to last.
  public init(inputWidth: Int, layers: [ComponentConfiguration]) {
    self.inputWidth = inputWidth
    self.layers = layers
  }
}
