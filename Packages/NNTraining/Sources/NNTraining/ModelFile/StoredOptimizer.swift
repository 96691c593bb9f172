import NNCore
import NNLayers

/// An optimizer as a model file stores it: its configuration and the state of each parameter, by the
/// parameter's path (`layers.0.weight`).
public struct StoredOptimizer: Codable, Sendable, Equatable {
  /// The optimizer's registry name and parameters.
  public var configuration: ComponentConfiguration
  /// The state of each parameter, keyed like ``ModelFile/weights``.
  public var state: [String: StoredParameterState]

  /// A stored optimizer.
  ///
  /// - Parameters:
  ///   - configuration: The optimizer's registry name and parameters.
  ///   - state: The state of each parameter, by path.
  public init(configuration: ComponentConfiguration, state: [String: StoredParameterState]) {
    self.configuration = configuration
    self.state = state
  }
}
