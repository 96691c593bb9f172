import NNCore

/// Registers this package's components: `softsign`.
///
/// ```swift
/// let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self, SoftsignPlugin.self])
/// let layer = try registry.layer("softsign")
/// ```
public enum SoftsignPlugin: Plugin {
  /// Adds this package's components to `registrar`.
  ///
  /// - Parameter registrar: The collection being built.
  public static func register(in registrar: inout Registrar) {
    // nn:registrations:begin
    registrar.register(activation: Softsign.entry)
    // nn:registrations:end
  }
}
