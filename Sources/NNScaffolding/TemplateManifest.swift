import Foundation

/// The `manifest.json` of a template folder, `Templates/<kind>/`: what the template makes and where it goes.
///
/// ```json
/// {
///   "kind": "activation", "summary": "…", "protocol": "ElementwiseActivation", "defaultPackage": "NNLayers",
///   "folders": { "NNLayers": "Packages/NNLayers/Sources/NNLayers/Activations" },
///   "parameters": [{ "name": "beta", "kind": "number", "default": "1.0", "rule": "finite" }],
///   "files": [{ "template": "Component.swift.mustache", "path": "{{folder}}/{{typeName}}.swift" }],
///   "registration": { "template": "Registration.swift.mustache", "file": "Packages/{{package}}/…Plugin.swift" },
///   "example": { "formula": "x·σ(βx)", "replace": "value(_:) and derivative(input:output:)" },
///   "userPackage": { "files": [ … "Sources/{{target}}/{{typeName}}.swift" … ], "registration": { … } },
///   "nextStep": "nn train --activation {{registryName}}"
/// }
/// ```
/// Paths are Mustache templates too, relative to the repository root (or, for `userPackage`, the user's package),
/// rendered with the same values as the files: `typeName`, `registryName`, `kind`, `package`, `pluginType`,
/// `folder`, `target`, `userPackage`, `imports`, `testImports`, `example` and `defaults.<parameter>`.
struct TemplateManifest: Decodable, Sendable {
  /// One file the template renders.
  struct File: Decodable, Sendable {
    /// The Mustache file, relative to the template folder.
    let template: String
    /// Where the rendered file goes, relative to the repository root (a Mustache template).
    let path: String
  }

  /// The line registering the component, and the plugin file it goes in.
  struct Registration: Decodable, Sendable {
    /// The Mustache file of the registration snippet, relative to the template folder.
    let template: String
    /// The plugin file holding the `nn:registrations` markers, relative to the repository root (a Mustache template).
    let file: String
  }

  /// Where the files and the registration go: in this repository (the manifest's `files` and `registration`), or
  /// in a user's package (its `userPackage`).
  struct Layout: Decodable, Sendable {
    /// The files to render.
    let files: [File]
    /// The registration snippet.
    let registration: Registration
  }

  /// The formula the generated component computes until its user replaces it, and what to replace.
  struct Example: Decodable, Sendable {
    /// The template's example body, as a formula (`x·σ(βx)`).
    let formula: String
    /// The members whose bodies compute it (`value(_:) and derivative(input:output:)`).
    let replace: String
  }

  /// A parameter of the generated component whose default `--param name=value` may change.
  struct Parameter: Decodable, Sendable {
    /// The lower_snake name, as in the component's registry entry.
    let name: String
    /// `number`, `integer`, `boolean` or `text`.
    let kind: String
    /// The default, as written on the command line.
    let `default`: String
    /// For numbers: `finite`, `positive` (> 0) or `fraction` (in [0, 1)); for integers: `positive`.
    let rule: String?
    /// For text: the accepted words.
    let accepted: [String]?
  }

  /// The kind of component (`activation`).
  let kind: String
  /// What the generated component does, in one line.
  let summary: String
  /// The protocol it conforms to.
  let `protocol`: String
  /// The package used without `--package`.
  let defaultPackage: String
  /// The packages the template can write into, each with its component folder.
  let folders: [String: String]
  /// The parameters whose defaults may be set.
  let parameters: [Parameter]
  /// The files to render.
  let files: [File]
  /// The registration snippet.
  let registration: Registration
  /// The layout in this repository: ``files`` and ``registration``.
  var repositoryLayout: Layout { Layout(files: files, registration: registration) }
  /// The example the generated component computes until replaced: named in its doc comment and by `nn new`.
  let example: Example
  /// The layout in a user's package, `Sources/<target>/…` (paths rendered with `target` too); `nil` when the
  /// template writes only into this repository.
  let userPackage: Layout?
  /// A command that tries the new component once it is built (a Mustache template), such as
  /// `nn train --activation {{registryName}}`.
  let nextStep: String?

  /// Reads `manifest.json` from a template folder.
  ///
  /// - Parameter folder: `Templates/<kind>`.
  /// - Throws: ``ScaffoldingError`` (missing input) when the folder or manifest is missing, (bad template) when
  ///   the manifest does not decode.
  static func load(from folder: URL) throws -> TemplateManifest {
    let url = folder.appendingPathComponent("manifest.json")
    guard FileManager.default.fileExists(atPath: folder.path) else {
      throw ScaffoldingError.missingInput("no template folder \(folder.path)")
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ScaffoldingError.missingInput("cannot read the template manifest \(url.path)")
    }
    do {
      return try JSONDecoder().decode(TemplateManifest.self, from: data)
    } catch let error as DecodingError {
      throw ScaffoldingError.malformedInput("the template manifest \(url.path) is malformed: \(reason(error))")
    } catch {
      throw ScaffoldingError.malformedInput("the template manifest \(url.path) is malformed: \(error)")
    }
  }

  /// What is wrong, in a few words: `missing "files"`, `"parameters[0].name" is not a string`, `not JSON`.
  private static func reason(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing \"\(path(context.codingPath + [key]))\""
    case .typeMismatch(let type, let context): return "\"\(path(context.codingPath))\" is not of type \(type)"
    case .valueNotFound(_, let context): return "\"\(path(context.codingPath))\" is null"
    case .dataCorrupted(let context) where context.codingPath.isEmpty: return "not valid JSON"
    case .dataCorrupted(let context): return "\"\(path(context.codingPath))\" is invalid"
    @unknown default: return "\(error)"
    }
  }
}
