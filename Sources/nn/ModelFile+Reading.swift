import Foundation
import NNCore

extension ModelFile {
  /// Reads a model file strictly: it must be JSON, of format ``formatName`` and version ``currentVersion``,
  /// with every key the layout names and no other.
  ///
  /// - Parameter path: The file's path.
  /// - Throws: ``CommandFailure``: missing input (66) for a file that does not exist or cannot be read, bad
  ///   data (65) for anything wrong inside, each one line naming the file and the key.
  static func read(path: String) throws -> ModelFile {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandFailure("no such model file \(path)", status: .noInput)
    }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CommandFailure("cannot read the model file \(path): \(error.localizedDescription)", status: .noInput)
    }
    let raw: Any
    do { raw = try JSONSerialization.jsonObject(with: data) } catch {
      throw CommandFailure("\(path) is not a model file: it is not valid JSON", status: .dataError)
    }
    guard let object = raw as? [String: Any] else {
      throw CommandFailure("\(path) is not a model file: expected a JSON object", status: .dataError)
    }
    guard let format = object["format"] as? String, format == formatName else {
      let found = object["format"].map { "'\($0)'" } ?? "none"
      throw CommandFailure(
        "\(path) is not a model file: format \(found), expected '\(formatName)'", status: .dataError)
    }
    guard let version = object["version"] as? Int, version == currentVersion else {
      let found = object["version"].map { "\($0)" } ?? "none"
      throw CommandFailure(
        "\(path): unsupported model file version \(found); this nn reads version \(currentVersion)",
        status: .dataError)
    }
    let file: ModelFile
    do { file = try JSONDecoder().decode(ModelFile.self, from: data) } catch let error as DecodingError {
      throw CommandFailure("\(path): \(describe(error))", status: .dataError)
    }
    let canonical = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(file))
    if let extra = unexpectedKey(in: raw, comparedWith: canonical, path: "") {
      throw CommandFailure("\(path): unexpected key '\(extra)'", status: .dataError)
    }
    return file
  }

  /// Writes the file as JSON atomically: to a temporary file in the same folder, then renamed over `path`.
  ///
  /// - Parameter path: Where to write.
  /// - Throws: ``CommandFailure`` (74) when the file cannot be written.
  func write(path: String) throws {
    try AtomicFile.write(Data((try JSONLine.text(self) + "\n").utf8), to: path)
  }

  /// The first key (as a dotted path) present in `raw` but not in `canonical`, the same value encoded again.
  private static func unexpectedKey(in raw: Any, comparedWith canonical: Any, path: String) -> String? {
    if let object = raw as? [String: Any], let expected = canonical as? [String: Any] {
      for key in object.keys.sorted() {
        let keyPath = path.isEmpty ? key : "\(path).\(key)"
        guard let expectedValue = expected[key] else {
          if object[key] is NSNull { continue }  // an optional part written as null
          return keyPath
        }
        if let found = unexpectedKey(in: object[key]!, comparedWith: expectedValue, path: keyPath) { return found }
      }
    } else if let array = raw as? [Any], let expected = canonical as? [Any], array.count == expected.count {
      for (index, element) in array.enumerated() {
        if let found = unexpectedKey(in: element, comparedWith: expected[index], path: "\(path)[\(index)]") {
          return found
        }
      }
    }
    return nil
  }

  /// One line for a decoding error: what is missing or wrong, at which dotted key path.
  private static func describe(_ error: DecodingError) -> String {
    func dotted(_ path: [any CodingKey]) -> String {
      path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
    switch error {
    case .keyNotFound(let key, let context):
      let parent = dotted(context.codingPath)
      return "missing key '\(parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)")'"
    case .typeMismatch(let type, let context):
      return "'\(dotted(context.codingPath))' has the wrong type (expected \(type))"
    case .valueNotFound(let type, let context):
      return "'\(dotted(context.codingPath))' is null (expected \(type))"
    case .dataCorrupted(let context):
      return "'\(dotted(context.codingPath))': \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
