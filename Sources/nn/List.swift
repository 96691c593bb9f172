import ArgumentParser
import Foundation
@_spi(Internals) import NNCore

/// `nn list`: every registered component with its parameters, defaults and description.
struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the registered components: activations, layers, losses, optimizers, initializers.")

  @Argument(help: "Only this kind: activations, layers, losses, optimizers or initializers.")
  var kind: String?

  @Flag(help: "Print one JSON object: kinds to arrays of components.")
  var json = false

  mutating func run() throws {
    try reportingFailures("list") {
      let registry = try Plugins.registry()
      let kinds = try selectedKinds()
      if json {
        print(try ComponentListing.json(registry: registry, kinds: kinds))
      } else {
        print(ComponentListing.text(registry: registry, kinds: kinds), terminator: "")
      }
    }
  }

  private func selectedKinds() throws -> [ComponentKind] {
    guard let kind else { return ComponentKind.allCases }
    let all = ComponentKind.allCases
    guard let match = all.first(where: { $0.plural == kind || $0.rawValue == kind }) else {
      let names = all.map(\.plural)
      let hint = NameSuggestion.closest(to: kind, among: names).map { " (did you mean '\($0)'?)" } ?? ""
      throw CommandFailure("unknown kind '\(kind)'\(hint); kinds: \(names.joined(separator: ", "))")
    }
    return [match]
  }
}

/// The listing of registered components, for people and as JSON.
enum ComponentListing {
  /// One block per kind: each name with its parameters (and defaults), the Swift type it makes, then its
  /// description (ending with the Swift expression when the name is one configuration of its type).
  ///
  /// - Parameters:
  ///   - registry: The registry to list.
  ///   - kinds: The kinds to include.
  static func text(registry: Registry, kinds: [ComponentKind]) -> String {
    var lines: [String] = []
    for kind in kinds {
      lines.append("\(kind.plural):")
      let descriptions = registry.descriptions(of: kind)
      let signatures = descriptions.map(signature)
      let types = descriptions.map { $0.typeName ?? "" }
      let width = signatures.map(\.count).max() ?? 0
      let typeWidth = types.map(\.count).max() ?? 0
      for (index, description) in descriptions.enumerated() {
        let name = signatures[index].padding(toLength: width, withPad: " ", startingAt: 0)
        let type = typeWidth == 0 ? "" : types[index].padding(toLength: typeWidth + 2, withPad: " ", startingAt: 0)
        let note = description.typeNote.map { "; in Swift \($0)" } ?? ""
        lines.append("  \(name)  \(type)\(description.summary)\(note)")
      }
      if kind == .layer {
        lines.append("  (every activation is also a layer)")
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  /// `name(parameter=default, required)`: how the component is written, with its defaults.
  ///
  /// - Parameter description: The component.
  static func signature(_ description: ComponentDescription) -> String {
    guard !description.parameters.isEmpty else { return description.name }
    let parameters = description.parameters.map { parameter in
      parameter.defaultValue.map { "\(parameter.name)=\($0)" } ?? parameter.name
    }
    return "\(description.name)(\(parameters.joined(separator: ", ")))"
  }

  /// `{"activations": [{"name", "type", "type_note", "summary", "parameters": [{"name", "kind", "default",
  /// "summary"}]}], …}`; `type` and `type_note` are left out where the entry gives none.
  ///
  /// - Parameters:
  ///   - registry: The registry to list.
  ///   - kinds: The kinds to include.
  static func json(registry: Registry, kinds: [ComponentKind]) throws -> String {
    var object: [String: [ComponentJSON]] = [:]
    for kind in kinds {
      object[kind.plural] = registry.descriptions(of: kind).map(ComponentJSON.init)
    }
    return try JSONLine.text(object)
  }

  /// One component in the JSON listing.
  struct ComponentJSON: Encodable {
    /// One parameter in the JSON listing.
    struct Parameter: Encodable {
      let name: String
      let kind: String
      let `default`: ParameterValue?
      let required: Bool
      let summary: String
    }

    let name: String
    let type: String?
    let typeNote: String?
    let summary: String
    let parameters: [Parameter]

    private enum CodingKeys: String, CodingKey {
      case name, type, summary, parameters
      case typeNote = "type_note"
    }

    init(_ description: ComponentDescription) {
      name = description.name
      type = description.typeName
      typeNote = description.typeNote
      summary = description.summary
      parameters = description.parameters.map {
        Parameter(
          name: $0.name, kind: $0.kind.rawValue, default: $0.defaultValue, required: $0.defaultValue == nil,
          summary: $0.summary)
      }
    }
  }
}
