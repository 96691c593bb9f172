import NNCore
import NNLayers

/// A network as a model file stores it: its input width, its layers by registry name and parameters, and the
/// element type it computes in.
public struct StoredNetwork: Codable, Sendable, Equatable {
  /// The number of input features.
  public var inputWidth: Int
  /// Each layer's configuration, first to last.
  public var layers: [ComponentConfiguration]
  /// The element type of every weight and optimizer slot: written as `element_type` only when it is `float32`,
  /// so float64 files read as they always have.
  public var elementType: ElementType

  private enum CodingKeys: String, CodingKey {
    case layers
    case inputWidth = "input_width"
    case elementType = "element_type"
  }

  /// A stored network.
  ///
  /// - Parameters:
  ///   - inputWidth: The number of input features.
  ///   - layers: Each layer's configuration, first to last.
  ///   - elementType: The element type of its weights; `float64` unless given.
  public init(inputWidth: Int, layers: [ComponentConfiguration], elementType: ElementType = .float64) {
    self.inputWidth = inputWidth
    self.layers = layers
    self.elementType = elementType
  }

  /// Decodes `input_width`, `layers` and, when present, `element_type`.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a missing key or an unknown element type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    inputWidth = try container.decode(Int.self, forKey: .inputWidth)
    layers = try container.decode([ComponentConfiguration].self, forKey: .layers)
    elementType = try container.decodeIfPresent(ElementType.self, forKey: .elementType) ?? .float64
  }

  /// Encodes `input_width`, `layers` and, for `float32`, `element_type`.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(inputWidth, forKey: .inputWidth)
    try container.encode(layers, forKey: .layers)
    if elementType != .float64 { try container.encode(elementType, forKey: .elementType) }
  }
}
