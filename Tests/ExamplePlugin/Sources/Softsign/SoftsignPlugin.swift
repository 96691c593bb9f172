import NNCore

/// Registers this package's components: `softsign`.
///
/// ```swift
/// let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
/// let layer = try registry.layer("softsign")
/// ```
public enum SoftsignPlugin: Plugin {
  /// Adds `softsign` to `registrar`.
  ///
  /// - Parameter registrar: The collection being built.
  public static func register(in registrar: inout Registrar) {
    registrar.register(
      activation: ComponentEntry(name: Softsign.name, summary: "x/(1+|x|), a gently saturating sigmoid shape") { _ in
        Softsign()
      })
  }
}
