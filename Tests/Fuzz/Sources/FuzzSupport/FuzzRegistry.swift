import NNCore
import NNLayers
import NNOptim

/// The components the `nn` tool knows (the layers' and the optimizers' plugins), made once per process.
public let fuzzRegistry: Registry = {
  do {
    return try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
  } catch {
    fatalError("the built-in plugins do not make a registry: \(error)")
  }
}()
