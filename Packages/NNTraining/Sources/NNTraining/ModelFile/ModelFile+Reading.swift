import Foundation

extension ModelFile {
  /// Reads a model file strictly: it must be JSON, of format ``formatName`` and version ``currentVersion``, with
  /// every key the layout names, of the right type, and no other. The components it names are not looked up
  /// here: ``LoadedModel`` does that through a registry.
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
    return try ModelFile(jsonData: data, source: path)
  }

  /// Decodes a model file's contents strictly, as ``read(path:)`` does.
  ///
  /// - Parameters:
  ///   - data: The file's JSON text.
  ///   - source: What the text came from (a path), for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming the key at fault.
  public init(jsonData data: Data, source: String) throws(ModelFileError) {
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
    do { self = try StrictDecoding.decode(ModelFile.self, from: data) } catch { throw invalid(error.reason) }
  }
}
