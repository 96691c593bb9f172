import NNCore
import NNLayers
import NNOptim

/// The plugins whose components the `nn` tool knows: the one list to extend with a new package's plugin.
enum Plugins {
  /// Every plugin, in registration order.
  static var all: [any Plugin.Type] {
    [
      NNLayersPlugin.self,
      NNOptimPlugin.self,
    ]
  }

  /// The registry built from ``all``.
  static func registry() throws -> Registry {
    try Registry(plugins: all)
  }
}
