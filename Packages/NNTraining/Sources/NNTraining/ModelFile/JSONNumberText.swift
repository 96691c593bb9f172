import NNCore

/// JSON numbers as bytes: strict reading of one number, and writing a `Double` or `Float` as JSONEncoder writes it.
///
/// Reading accepts exactly what Foundation's JSONDecoder turns into the same finite `Double`: the JSON grammar
/// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, a result that is finite, and no non-zero digits that round
/// to zero. The value is the correctly rounded one, as `strtod` gives.
enum JSONNumberText {
  /// The powers of ten that a `Double` holds exactly, 10⁰ to 10²².
  private static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
  ]

  /// The largest integer below which every integer is a `Double`: 2⁵³.
  private static let exactIntegerLimit: UInt64 = 1 << 53

  /// Reads the number that starts at `start`.
  ///
  /// - Parameters:
  ///   - bytes: The text.
  ///   - start: Where the number starts.
  /// - Returns: The value and the index after the number's last byte, or `nil` when the bytes there are not a
  ///   JSON number or its value is not a finite `Double` (too large, or non-zero digits that round to zero).
  ///   The byte after the number is not looked at.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (value: Double, end: Int)? {
    let count = bytes.count
    var index = start
    guard index < count else { return nil }
    let isNegative = bytes[index] == UInt8(ascii: "-")
    if isNegative { index += 1 }
    var significand: UInt64 = 0
    var significantDigits = 0
    var exponent = 0
    var hasNonZeroDigit = false

    /// Adds one digit of the significand; `isFraction` lowers the exponent for digits after the point.
    func take(_ digit: UInt8, isFraction: Bool) {
      if digit != 0 { hasNonZeroDigit = true }
      if significantDigits == 0 && digit == 0 {
        if isFraction { exponent -= 1 }
        return
      }
      if significantDigits < 19 {
        significand = significand &* 10 &+ UInt64(digit)
        if isFraction { exponent -= 1 }
      } else if !isFraction {
        exponent += 1
      }
      significantDigits += 1
    }

    // The integer part: a single 0, or digits without a leading 0.
    guard index < count, let first = digit(bytes[index]) else { return nil }
    index += 1
    if first != 0 {
      take(first, isFraction: false)
      while index < count, let next = digit(bytes[index]) {
        take(next, isFraction: false)
        index += 1
      }
    }
    if index < count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < count, digit(bytes[index]) != nil else { return nil }
      while index < count, let next = digit(bytes[index]) {
        take(next, isFraction: true)
        index += 1
      }
    }
    var hasLargeExponent = false
    if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      var isExponentNegative = false
      if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        isExponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      guard index < count, digit(bytes[index]) != nil else { return nil }
      var written = 0
      while index < count, let next = digit(bytes[index]) {
        if written < 100_000 { written = written * 10 + Int(next) } else { hasLargeExponent = true }
        index += 1
      }
      exponent += isExponentNegative ? -written : written
    }
    guard hasNonZeroDigit else { return (isNegative ? -0.0 : 0.0, index) }
    if !hasLargeExponent, significantDigits <= 19, significand <= exactIntegerLimit, abs(exponent) <= 22 {
      // Both factors are exact, so one rounding gives the correctly rounded value (Clinger's fast path).
      let magnitude =
        exponent >= 0
        ? Double(significand) * exactPowersOfTen[exponent] : Double(significand) / exactPowersOfTen[-exponent]
      return (isNegative ? -magnitude : magnitude, index)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite, value != 0 else { return nil }
    return (value, index)
  }

  /// The value of an ASCII digit, or `nil`.
  @inline(__always)
  private static func digit(_ byte: UInt8) -> UInt8? {
    let value = byte &- UInt8(ascii: "0")
    return value < 10 ? value : nil
  }

  /// The `Float` nearest to the number `text` writes, from `value`, the `Double` nearest to it; `nil` when that
  /// is not finite or not a normal or subnormal `Float` of a non-zero number.
  ///
  /// Rounding `value` again gives the nearest `Float` unless `value` lies exactly halfway between two: any such
  /// midpoint is a `Double`, so a number on one side of it has a nearest `Double` on the same side or on it.
  /// The midpoints, rare, are read from the text itself.
  ///
  /// - Parameters:
  ///   - value: The correctly rounded `Double` of the number, as ``read(_:at:)`` gives it.
  ///   - text: The number's text.
  static func single(_ value: Double, in text: Slice<UnsafeBufferPointer<UInt8>>) -> Float? {
    var single = Float(value)
    if Double(single) != value {
      let neighbour = Double(single) < value ? single.nextUp : single.nextDown
      if (Double(single) + Double(neighbour)) / 2 == value {
        guard let exact = Float(String(decoding: UnsafeBufferPointer(rebasing: text), as: UTF8.self)) else {
          return nil
        }
        single = exact
      }
    }
    guard single.isFinite, single != 0 || value == 0 else { return nil }
    return single
  }

  /// Appends `value` as JSONEncoder writes it: the shortest text that reads back as the same value of its type,
  /// without a trailing `.0`.
  ///
  /// - Parameters:
  ///   - value: A finite number.
  ///   - bytes: Where the text goes.
  static func append(_ value: some MatrixElement, to bytes: inout [UInt8]) {
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Appends an integer as JSON writes it.
  ///
  /// - Parameters:
  ///   - value: The integer.
  ///   - bytes: Where the text goes.
  static func append(_ value: Int, to bytes: inout [UInt8]) {
    var text = value.description
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }
}
