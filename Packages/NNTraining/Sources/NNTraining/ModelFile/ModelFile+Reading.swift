import Foundation

extension ModelFile {
  /// Reads a model file strictly: it must be JSON, of format ``formatName`` and version ``currentVersion``, with
  /// every key the layout names, of the right type, and no other. The components it names are not looked up
  /// here: ``LoadedModel`` does that through a registry. A path ending in `.safetensors` is read as safetensors
  /// (``init(safetensors:source:)``).
  ///
  /// - Parameter path: The file's path.
  /// - Throws: ``ModelFileError/missing(path:)`` or ``ModelFileError/unreadable(path:reason:)`` when the file
  ///   cannot be read, ``ModelFileError/invalidContent(path:reason:)`` naming the key at fault otherwise.
  public static func read(path: String) throws(ModelFileError) -> ModelFile {
    guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    if URL(fileURLWithPath: path).pathExtension == Self.safetensorsExtension {
      return try ModelFile(safetensors: data, source: path)
    }
    return try ModelFile(jsonData: data, source: path)
  }

  /// Decodes a model file's contents strictly, as ``read(path:)`` does.
  ///
  /// - Parameters:
  ///   - data: The file's JSON text.
  ///   - source: What the text came from (a path), for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key at fault.
  public init(jsonData data: Data, source: String) throws(ModelFileError) {
    if let file = try Self.decodedWithMatricesApart(data, source: source) {
      self = file
    } else {
      self = try Self.decodedWithFoundation(data, source: source)
    }
  }

  /// Decodes a model file's contents with its matrices read apart (``SeparatedMatrices``), the rest by
  /// Foundation's coders; `nil` when the text is to be decoded whole by them.
  ///
  /// - Parameters:
  ///   - data: The file's JSON text.
  ///   - source: What the text came from (a path), for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)``, the same as decoding the whole text would.
  static func decodedWithMatricesApart(_ data: Data, source: String) throws(ModelFileError) -> ModelFile? {
    let separated = data.withUnsafeBytes { SeparatedMatrices($0.bindMemory(to: UInt8.self)) }
    guard let separated else { return nil }
    var file = try decodedWithFoundation(Data(separated.text), source: source)
    guard separated.restore(into: &file) else { return nil }
    return file
  }

  /// Decodes a model file's contents strictly with Foundation's JSON coders alone (slow for large matrices).
  ///
  /// - Parameters:
  ///   - data: The file's JSON text.
  ///   - source: What the text came from (a path), for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key at fault.
  static func decodedWithFoundation(_ data: Data, source: String) throws(ModelFileError) -> ModelFile {
    func invalid(_ reason: String) -> ModelFileError { .invalidContent(path: source, reason: reason) }
    guard let raw = try? JSONSerialization.jsonObject(with: data) else {
      throw invalid("this is not a model file: it is not valid JSON")
    }
    guard let object = raw as? [String: Any] else { throw invalid("this is not a model file: expected a JSON object") }
    guard let format = object["format"] as? String, format == Self.formatName else {
      let found = object["format"].map { "'\($0)'" } ?? "none"
      throw invalid("this is not a model file: format \(found), expected '\(Self.formatName)'")
    }
    guard let version = object["version"] as? Int, version == Self.currentVersion else {
      let found = object["version"].map { "\($0)" } ?? "none"
      throw invalid("unsupported model file version \(found); this nn reads version \(Self.currentVersion)")
    }
    do { return try StrictDecoding.decode(ModelFile.self, from: data) } catch { throw invalid(error.reason) }
  }
}
