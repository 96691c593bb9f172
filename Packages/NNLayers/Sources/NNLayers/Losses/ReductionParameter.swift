import NNCore

/// The `reduction` parameter every loss declares, and reading it from a loss's arguments.
extension Reduction {
  /// The `reduction` parameter every loss declares: `mean` (default) or `sum`.
  public static let parameter = ParameterDeclaration(
    "reduction", .text, default: .text("mean"), summary: "how terms combine over the batch: mean or sum")

  /// Reads the `reduction` argument.
  ///
  /// - Parameter arguments: The loss's checked arguments.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for anything but mean or sum.
  public init(_ arguments: Arguments) throws {
    let text = try arguments.text("reduction")
    guard let reduction = Reduction(rawValue: text) else {
      throw ComponentError.invalidArgument(
        component: arguments.componentName, parameter: "reduction", reason: "expected mean or sum, got '\(text)'")
    }
    self = reduction
  }
}
