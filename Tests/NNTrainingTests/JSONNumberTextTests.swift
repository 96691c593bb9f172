import Foundation
import Testing

@testable import NNTraining

/// Numbers as model files hold them: written as JSONEncoder writes them, read back bit for bit, and read exactly
/// as Swift's own parser (the `strtod` that Foundation's decoder calls) reads them.
@Suite("model file: number text")
struct JSONNumberTextTests {
  /// Doubles at the edges: zeros, subnormals, the extremes, and numbers whose shortest text has 17 digits.
  static let edgeValues: [Double] =
    [
      0, -0.0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1.0 / 3, 2.0 / 3, 100, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23,
      123_456_789_012_345_680, 9_007_199_254_740_994, 4.35, 2.2250738585072014e-308, Double.leastNonzeroMagnitude,
      -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
      -Double.greatestFiniteMagnitude, 0.0012906378472226, -0.00013983618974111297, 1e-7, 123e-300,
      8.98846567431158e307,
    ]
    + [
      0x0000_0000_0000_0001, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF, 0x0000_0000_0000_07E4, 0x0008_0000_0000_0000,
    ]
    .map(Double.init(bitPattern:))

  /// Writes and reads back one value; `nil` when reading fails.
  private func roundTrip(_ value: Double) -> (text: String, value: Double?) {
    var bytes: [UInt8] = []
    JSONNumberText.append(value, to: &bytes)
    let read = bytes.withUnsafeBufferPointer { JSONNumberText.read($0, at: 0) }
    guard let read, read.end == bytes.count else { return (String(decoding: bytes, as: UTF8.self), nil) }
    return (String(decoding: bytes, as: UTF8.self), read.value)
  }

  @Test("edge values round-trip bit for bit, written as JSONEncoder writes them")
  func edgeRoundTrip() throws {
    for value in Self.edgeValues {
      let (text, read) = roundTrip(value)
      #expect(read?.bitPattern == value.bitPattern, "\(value) written as \(text)")
      let encoded = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
      #expect(encoded == "[\(text)]", "\(value)")
    }
  }

  @Test("random bit patterns (normal, subnormal, every exponent) round-trip bit for bit")
  func randomRoundTrip() throws {
    var generator = SystemRandomNumberGenerator()
    var values: [Double] = []
    while values.count < 20_000 {
      let value = Double(bitPattern: generator.next())
      if value.isFinite { values.append(value) }
    }
    for _ in 0..<2_000 {  // Subnormals: a zero exponent field.
      values.append(Double(bitPattern: generator.next() & 0x800F_FFFF_FFFF_FFFF))
    }
    for value in values {
      let (text, read) = roundTrip(value)
      #expect(read?.bitPattern == value.bitPattern, "\(value) written as \(text)")
    }
    // The whole array as JSONEncoder writes it, and as Foundation's decoder reads it back.
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONNumberText.append(value, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
    #expect(Data(bytes) == (try JSONEncoder().encode(values)))
    let decoded = try JSONDecoder().decode([Double].self, from: Data(bytes))
    #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
  }

  @Test("random decimal texts read as Swift's parser reads them")
  func randomTexts() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let text = Self.randomNumberText(using: &generator)
      let bytes = Array(text.utf8)
      let read = bytes.withUnsafeBufferPointer { JSONNumberText.read($0, at: 0) }
      #expect(read?.value.bitPattern == Self.foundationValue(text)?.bitPattern, "\(text)")
      if let read { #expect(read.end == bytes.count, "\(text)") }
    }
  }

  /// A random JSON number: up to 25 digits, a point anywhere or `0.` before them, an exponent or none.
  private static func randomNumberText(using generator: inout some RandomNumberGenerator) -> String {
    let digits = (0..<Int.random(in: 1...25, using: &generator)).map { _ in
      String(Int.random(in: 0...9, using: &generator))
    }.joined()
    var text = Bool.random(using: &generator) ? "-" : ""
    if Bool.random(using: &generator) {
      text += "0." + digits
    } else {
      let integer = digits.drop(while: { $0 == "0" })
      let pointAt = Int.random(in: 0...integer.count, using: &generator)
      if integer.isEmpty {
        text += "0"
      } else if pointAt == 0 || pointAt == integer.count {
        text += integer
      } else {
        text += integer.prefix(pointAt) + "." + integer.dropFirst(pointAt)
      }
    }
    if Bool.random(using: &generator) {
      text += ["e", "E", "e-", "e+", "E-"].randomElement(using: &generator)!
      text += String(Int.random(in: 0...340, using: &generator))
    }
    return text
  }

  /// What Foundation's decoder makes of a valid JSON number: `strtod`'s value when it is finite and not zero
  /// from non-zero digits, otherwise `nil` (an error).
  private static func foundationValue(_ text: String) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    let significand = text.prefix(while: { $0 != "e" && $0 != "E" })
    if value == 0, significand.contains(where: { "123456789".contains($0) }) { return nil }
    return value
  }

  @Test(
    "what is not a JSON number, or not a finite Double, is not read",
    arguments: [
      "", "-", "+1", ".5", "1.", "1.e5", "1e", "1e+", "e5", "--1", "-.5", "NaN", "nan", "Infinity", "-Infinity",
      "inf", "x", "1e400", "-1e400", "1e-400", "-2e-324", "0.0000000000000000000000000000001e-300",
      "123456789012345678901234567890e300", "1e99999999999999999999",
    ])
  func rejects(text: String) {
    let bytes = Array(text.utf8)
    let read = bytes.withUnsafeBufferPointer { JSONNumberText.read($0, at: 0) }
    #expect(read == nil, "\(text) read as \(String(describing: read))")
  }

  @Test(
    "a number ends where the grammar ends it (the reader of the list checks what follows)",
    arguments: [("01", 1), ("1.5.2", 3), ("-0,", 2), ("12]", 2), ("1e5e5", 3), ("0.5x", 3), ("1 2", 1), ("0x10", 1)])
  func ends(text: String, end: Int) {
    let bytes = Array(text.utf8)
    let read = bytes.withUnsafeBufferPointer { JSONNumberText.read($0, at: 0) }
    #expect(read?.end == end, "\(text)")
  }

  @Test("zeros keep their sign, and zero digits with any exponent are zero")
  func zeros() {
    for (text, expected) in [("0", 0.0), ("-0", -0.0), ("-0.0", -0.0), ("0e-400", 0.0), ("-0.000e999", -0.0)] {
      let bytes = Array(text.utf8)
      let read = bytes.withUnsafeBufferPointer { JSONNumberText.read($0, at: 0) }
      #expect(read?.value.bitPattern == expected.bitPattern, "\(text)")
    }
  }
}
