import Foundation

extension ModelFile {
  /// Stores a program's own settings in the model file's open `training` object, replacing what was there.
  ///
  /// - Parameter settings: A value that encodes as a JSON object.
  /// - Throws: `EncodingError` when `settings` cannot be encoded, or ``ModelFileError/invalidContent(path:reason:)``
  ///   when it does not encode as an object.
  public mutating func setTraining<Settings: Encodable>(_ settings: Settings) throws {
    let value = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(settings))
    guard case .object(let object) = value else {
      throw ModelFileError.invalidContent(path: "training", reason: "the settings do not encode as a JSON object")
    }
    training = object
  }

  /// The model file's `training` object decoded strictly as a program's own settings: every key the type names must be
  /// there with the right type, and no other.
  ///
  /// - Parameters:
  ///   - type: The settings' type.
  ///   - path: The model file's path, for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key under `training.` at fault.
  public func training<Settings: Codable>(as type: Settings.Type, path: String) throws(ModelFileError) -> Settings {
    let data: Data
    do { data = try JSONEncoder().encode(training) } catch {
      throw .invalidContent(path: path, reason: "'training' cannot be encoded again: \(error)")
    }
    do { return try StrictDecoding.decode(Settings.self, from: data, at: "training") } catch {
      throw .invalidContent(path: path, reason: error.reason)
    }
  }
}
