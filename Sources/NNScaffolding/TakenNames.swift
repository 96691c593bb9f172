import Foundation
import NNCore

/// The names a new component must not take: the registry names of its namespace, the names a plugin file
/// registers, and the type names declared in the sources it will be compiled with.
struct TakenNames {
  /// Why a name is taken.
  enum Clash: Equatable {
    /// A registered component of this kind has the registry name.
    case registered(ComponentKind)
    /// The plugin file at this path registers the registry name.
    case registeredIn(String)
    /// The type name is declared in this file.
    case declared(String)
  }

  /// The components the `nn` tool knows (the framework's plugins).
  let registry: Registry
  /// Registry names registered in a plugin file the registry does not include, each with the file's path.
  let registeredNames: [String: String]
  /// The folders whose Swift sources are searched for a declaration of the type name.
  let sourceFolders: [URL]
  /// The folder paths are shown relative to.
  let base: URL

  /// Why `name` is taken for a component of `kind`, or `nil` when it is free.
  ///
  /// - Parameters:
  ///   - name: The type and registry name.
  ///   - kind: The kind being made: activations and layers share one namespace (every activation is a layer).
  func clash(_ name: ComponentName, kind: ComponentKind) -> Clash? {
    let namespace: [ComponentKind] =
      switch kind {
      case .activation, .layer: [.activation, .layer]
      default: [kind]
      }
    for other in namespace where registry.names(of: other).contains(name.registryName) {
      return .registered(other)
    }
    if let path = registeredNames[name.registryName] { return .registeredIn(path) }
    if let file = declaringFile(of: name.typeName) { return .declared(file) }
    return nil
  }

  /// One line saying why `name` is taken.
  ///
  /// - Parameters:
  ///   - clash: Why.
  ///   - name: The name refused.
  static func message(_ clash: Clash, _ name: ComponentName) -> String {
    switch clash {
    case .registered(let kind):
      "the name '\(name.registryName)' (from \(name.typeName)) is taken: a registered \(kind.rawValue); "
        + "choose another type name"
    case .registeredIn(let path):
      "the name '\(name.registryName)' (from \(name.typeName)) is taken: \(path) registers it"
    case .declared(let file): "the type name '\(name.typeName)' is declared already, in \(file)"
    }
  }

  /// A few words saying why a suggested name is taken: `the name 'relu' is a registered activation`.
  ///
  /// - Parameters:
  ///   - clash: Why.
  ///   - name: The suggested name.
  static func reason(_ clash: Clash, _ name: ComponentName) -> String {
    switch clash {
    case .registered(let kind): "the name '\(name.registryName)' is a registered \(kind.rawValue)"
    case .registeredIn(let path): "\(path) registers '\(name.registryName)'"
    case .declared(let file): "\(file) declares \(name.typeName)"
    }
  }

  /// The source file declaring a type named `typeName`, relative to ``base``, if any.
  func declaringFile(of typeName: String) -> String? {
    let pattern = "(^|[^A-Za-z0-9_])(struct|enum|class|protocol|actor|typealias)\\s+\(typeName)([^A-Za-z0-9_]|$)"
    guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
      return nil
    }
    for folder in sourceFolders {
      guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
        continue
      }
      for case let file as URL in enumerator where file.pathExtension == "swift" && file.path.contains("/Sources/") {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
        if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
          let path = file.standardizedFileURL.path
          let prefix = base.standardizedFileURL.path + "/"
          return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
      }
    }
    return nil
  }
}
