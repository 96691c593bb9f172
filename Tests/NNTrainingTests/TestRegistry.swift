import NNCore
import NNLayers
import NNOptim

/// The registry of every built-in plugin, for loading model files in tests.
enum TestRegistry {
  /// A registry of NNLayers and NNOptim.
  static let shared: Registry = {
    do { return try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self]) } catch {
      fatalError("the built-in plugins must register cleanly: \(error)")
    }
  }()
}
