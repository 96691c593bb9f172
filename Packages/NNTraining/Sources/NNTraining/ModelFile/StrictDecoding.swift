import Foundation

/// Decodes JSON strictly: every key the type names must be there with the right type, and no other key may be.
/// A problem is one line naming the dotted key path (`network.input_width`, `network.layers[1].name`).
enum StrictDecoding {
  /// What is wrong, as one line without the file's name.
  struct Problem: Error {
    /// The line, such as `missing key 'network.input_width'`.
    let reason: String
  }

  /// Decodes `data` as `Value`, then rejects any key the value does not encode again.
  ///
  /// - Parameters:
  ///   - type: The type to decode.
  ///   - data: The JSON text.
  ///   - prefix: The dotted path of `data` inside its file (empty for the whole file), for messages.
  /// - Throws: ``Problem`` naming the missing, mistyped or unexpected key.
  static func decode<Value: Codable>(_ type: Value.Type, from data: Data, at prefix: String = "") throws(Problem)
    -> Value
  {
    let value: Value
    let raw: Any
    let canonical: Any
    do {
      raw = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
      value = try JSONDecoder().decode(Value.self, from: data)
      canonical = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value), options: .fragmentsAllowed)
    } catch let error as DecodingError {
      throw Problem(reason: describe(error, prefix: prefix))
    } catch {
      throw Problem(reason: "\(prefix.isEmpty ? "the file" : "'\(prefix)'") is not valid JSON")
    }
    if let extra = unexpectedKey(in: raw, comparedWith: canonical, path: prefix) {
      throw Problem(reason: "unexpected key '\(extra)'")
    }
    return value
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
  private static func describe(_ error: DecodingError, prefix: String) -> String {
    func dotted(_ path: [any CodingKey]) -> String {
      let keys = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return (prefix + keys).trimmingPrefix(".").description
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing key '\(dotted(context.codingPath + [key]))'"
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
