/// An error in naming, specifying or configuring a component.
public enum ComponentError: Error, Sendable, Equatable {
  /// No component of this kind has this name.
  case unknownComponent(kind: ComponentKind, name: String, known: [String], suggestion: String?)
  /// Two registrations of one kind share a name: `firstPlugin` registered it, then `secondPlugin` again (the
  /// same plugin when it registers the name twice). Plugins are named by their type, as
  /// `String(reflecting:)` spells it (`NNLayers.NNLayersPlugin`).
  case duplicateName(kind: ComponentKind, name: String, firstPlugin: String, secondPlugin: String)
  /// A layer has an activation's name; every activation is also a layer by its name, so the two would clash.
  case layerNamedLikeActivation(name: String, layerPlugin: String, activationPlugin: String)
  /// The same plugin appears more than once in a registry's list of plugins.
  case duplicatePlugin(String)
  /// The specification text cannot be parsed.
  case malformedSpecification(String, reason: String)
  /// An argument names no declared parameter.
  case unknownParameter(component: String, parameter: String, accepted: [String])
  /// A required parameter was not given.
  case missingParameter(component: String, parameter: String)
  /// More positional arguments than declared parameters.
  case tooManyArguments(component: String, given: Int, accepted: [String])
  /// An argument has the wrong kind or an unacceptable value.
  case invalidArgument(component: String, parameter: String, reason: String)
}

extension ComponentError: CustomStringConvertible {
  /// One line naming what is wrong and what is accepted.
  public var description: String {
    switch self {
    case .unknownComponent(let kind, let name, let known, let suggestion):
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      return "unknown \(kind.rawValue) '\(name)'\(hint); known \(kind.plural): \(known.joined(separator: ", "))"
    case .duplicateName(let kind, let name, let first, let second) where first == second:
      return "the \(kind.rawValue) name '\(name)' is registered twice by \(first); rename one of the two components"
    case .duplicateName(let kind, let name, let first, let second):
      return "the \(kind.rawValue) name '\(name)' is registered twice, by \(first) and by \(second); "
        + "rename one of the components, or leave one plugin out of the registry's list"
    case .layerNamedLikeActivation(let name, let layerPlugin, let activationPlugin)
    where layerPlugin == activationPlugin:
      return "\(layerPlugin) registers both a layer and an activation named '\(name)', and every activation is a "
        + "layer too; rename one of the two components"
    case .layerNamedLikeActivation(let name, let layerPlugin, let activationPlugin):
      return "the layer name '\(name)' is registered twice, by \(layerPlugin) (a layer) and by \(activationPlugin) "
        + "(an activation, which is a layer too); rename one of the components, or leave one plugin out of the "
        + "registry's list"
    case .duplicatePlugin(let plugin):
      return "the plugin \(plugin) is listed twice in the registry's plugins; list it once"
    case .malformedSpecification(let text, let reason):
      return "cannot read the component specification '\(text)': \(reason)"
    case .unknownParameter(let component, let parameter, let accepted):
      let list = accepted.isEmpty ? "it takes no parameters" : "accepted: \(accepted.joined(separator: ", "))"
      return "'\(component)' has no parameter '\(parameter)'; \(list)"
    case .missingParameter(let component, let parameter):
      return "'\(component)' needs a value for '\(parameter)'"
    case .tooManyArguments(let component, let given, let accepted):
      return
        "'\(component)' takes at most \(accepted.count) arguments (\(accepted.joined(separator: ", "))), got \(given)"
    case .invalidArgument(let component, let parameter, let reason):
      return "invalid '\(parameter)' for '\(component)': \(reason)"
    }
  }
}
