/// Why a network cannot be exported to ONNX.
public enum ONNXExportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A component has no export (``ONNXExports``).
  ///
  /// - Parameters:
  ///   - component: Its registry name.
  ///   - kind: `activation` or `layer`.
  case unsupported(component: String, kind: String)
  /// A component's configuration lacks an argument its export needs.
  case missingArgument(component: String, argument: String)
  /// The model's standardisation does not match the network's inputs.
  case standardization(String)

  /// The error in words, with what to do.
  public var description: String {
    switch self {
    case .unsupported(let component, let kind):
      return "the \(kind) '\(component)' has no ONNX export: register one for it "
        + "(ONNXExports.register(\(kind):), as a plugin's exports do), or train without it"
    case .missingArgument(let component, let argument):
      return "the \(component)'s configuration has no '\(argument)', which its ONNX export needs"
    case .standardization(let problem):
      return "the standardisation cannot be exported: \(problem)"
    }
  }
}
