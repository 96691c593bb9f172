import Foundation

/// The one-line JSON the commands print with `--json`: keys sorted, slashes unescaped.
enum JSONLine {
  /// `value` as one line of JSON.
  ///
  /// - Parameters:
  ///   - value: What to encode.
  ///   - nonFiniteAsText: Whether infinities and NaN are written as the strings `inf`, `-inf` and `nan`
  ///     (otherwise they are an encoding error, as JSON has no such numbers).
  static func text<Value: Encodable>(_ value: Value, nonFiniteAsText: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    if nonFiniteAsText {
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
