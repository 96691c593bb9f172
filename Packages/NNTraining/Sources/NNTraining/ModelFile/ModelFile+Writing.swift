import Foundation
@_spi(Internals) import NNData

extension ModelFile {
  /// The file's JSON text: one line, keys sorted, slashes unescaped, ending in a newline.
  ///
  /// - Throws: `EncodingError` when a weight holds an infinity or NaN, which JSON cannot represent.
  public func jsonData() throws -> Data {
    Data(try jsonBytes())
  }

  /// Writes the file atomically: to a temporary file in the same folder (on Linux an unnamed one), flushed to
  /// disk, then renamed over `path`, so a reader never sees half a model and a failed or killed write leaves the
  /// old file as it was and no temporary file. A path ending in `.safetensors` gets the safetensors format
  /// (``safetensorsBytes()``), any other the JSON text.
  ///
  /// - Parameter path: Where to write.
  /// - Throws: ``ModelFileError/unwritable(path:reason:)`` when the file cannot be written or a weight is not
  ///   finite.
  public func write(path: String) throws(ModelFileError) {
    let bytes: [UInt8]
    let safetensors = URL(fileURLWithPath: path).pathExtension == Self.safetensorsExtension
    do { bytes = try safetensors ? safetensorsBytes() : jsonBytes() } catch {
      throw .unwritable(path: path, reason: "a weight or setting is not a finite number")
    }
    do { try AtomicFile.write(bytes, to: path) } catch {
      guard case .unwritableFile(_, let reason) = error else { throw .unwritable(path: path, reason: "\(error)") }
      throw .unwritable(path: path, reason: reason)
    }
  }
}
