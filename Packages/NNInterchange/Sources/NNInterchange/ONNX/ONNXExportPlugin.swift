/// A plugin (``/NNCore/Plugin``) that also gives its components ONNX exports: `nn export`, and
/// ``ONNXExports/including(_:)``, add them to nn's own.
///
/// ```swift
/// enum MyPlugin: Plugin, ONNXExportPlugin {
///   static func register(in registrar: inout Registrar) { … }
///   static func registerExports(in exports: inout ONNXExports) {
///     exports.register(activation: "soft_gate") { _, input, graph in
///       graph.add("Mul", [input, graph.add("Sigmoid", [input])])
///     }
///   }
/// }
/// ```
public protocol ONNXExportPlugin {
  /// Adds this plugin's exports to `exports`.
  ///
  /// - Parameter exports: The exports being gathered.
  static func registerExports(in exports: inout ONNXExports)
}

extension ONNXExports {
  /// These exports with those of every plugin in `plugins` that is an ``ONNXExportPlugin``, in order (a later one
  /// replaces an earlier one of the same name).
  ///
  /// - Parameter plugins: Plugin types, as a registry is made from.
  public func including(_ plugins: [Any.Type]) -> ONNXExports {
    var exports = self
    for plugin in plugins {
      if let exporting = plugin as? any ONNXExportPlugin.Type { exporting.registerExports(in: &exports) }
    }
    return exports
  }
}
