import Foundation

/// The bytes libFuzzer hands a target, and the text they make.
public enum FuzzInput {
  /// The input as bytes.
  ///
  /// - Parameters:
  ///   - start: The first byte (libFuzzer may pass no pointer for an empty input).
  ///   - count: The number of bytes.
  /// - Returns: A view of the bytes, valid during the call only.
  public static func bytes(_ start: UnsafeRawPointer?, _ count: Int) -> UnsafeRawBufferPointer {
    guard let start, count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: start, count: count)
  }

  /// The input as the text of a file, as NNData reads text files: `nil` unless it is valid UTF-8.
  ///
  /// - Parameter bytes: The input.
  /// - Returns: The text, or `nil` when a reader would refuse the file as not UTF-8 before parsing it.
  public static func fileText(_ bytes: UnsafeRawBufferPointer) -> String? {
    String(data: Data(bytes), encoding: .utf8)
  }

  /// The input as a command-line argument's text: invalid UTF-8 repaired, as `CommandLine.arguments` does.
  ///
  /// - Parameter bytes: The input.
  /// - Returns: The text.
  public static func argumentText(_ bytes: UnsafeRawBufferPointer) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
