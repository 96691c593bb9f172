import NNCore

/// A matrix as JSON text, `{"columns":C,"elements":[…],"rows":R}` (with `"element_type":"float32"` after the
/// columns for a `float32` matrix), read and written without Foundation's coders: the bulk of a model file.
///
/// Reading is strict and conservative: it accepts only what `Matrix`'s `Decodable` conformance would decode, to
/// the same matrix, without an error. Everything else is left to that conformance, which says what is wrong.
enum MatrixText {
  /// What a matrix is replaced by when the rest of a file goes through Foundation's coders.
  static let placeholder: StaticString = #"{"columns":0,"elements":[],"rows":0}"#

  /// The most digits of `rows` or `columns` read here (larger values are left to Foundation).
  private static let maximumShapeDigits = 18

  /// Reads the matrix object that starts at `start`.
  ///
  /// The object must have exactly the keys `rows`, `columns` and `elements`, and may have `element_type` (written
  /// without escapes, in any order), the shape non-negative integers written as digits, the type `"float64"` or
  /// `"float32"`, and `rows × columns` numbers finite in that type. The element count is checked against the
  /// shape, with overflow, and against what the text can hold before the elements are allocated.
  ///
  /// - Parameters:
  ///   - bytes: The text.
  ///   - start: The index of the object's `{`.
  /// - Returns: The matrix and the index after its `}`, or `nil` when the object is not such a matrix.
  static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (matrix: Matrix, end: Int)? {
    let scanner = JSONPathScanner(bytes: bytes)
    guard start >= 0, start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return nil }
    var rows: Int?
    var columns: Int?
    var elementType: ElementType?
    var elements: Range<Int>?  // From the `[` to the `]`, both included.
    var index = start + 1
    while true {
      index = scanner.skipSpace(from: index)
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      guard let keyEnd = try? scanner.stringEnd(from: index) else { return nil }
      let key = JSONPathScanner.Component.key(index + 1..<keyEnd - 1)
      index = scanner.skipSpace(from: keyEnd)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index = scanner.skipSpace(from: index + 1)
      if scanner.matches(key, "rows"), rows == nil {
        guard let (value, end) = readShape(bytes, at: index) else { return nil }
        rows = value
        index = end
      } else if scanner.matches(key, "columns"), columns == nil {
        guard let (value, end) = readShape(bytes, at: index) else { return nil }
        columns = value
        index = end
      } else if scanner.matches(key, "element_type"), elementType == nil {
        guard let (value, end) = readElementType(bytes, at: index) else { return nil }
        elementType = value
        index = end
      } else if scanner.matches(key, "elements"), elements == nil {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        // A list of numbers holds no other `]`; anything else in it fails the strict reading below.
        guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "]")) else { return nil }
        elements = index..<close + 1
        index = close + 1
      } else {
        return nil
      }
      index = scanner.skipSpace(from: index)
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { return nil }
      index += 1
      break
    }
    guard let rows, let columns, let elements else { return nil }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    // n numbers take at least 2n − 1 bytes between the brackets.
    guard !overflow, count <= (elements.count - 2 + 1) / 2 else { return nil }
    switch elementType ?? .float64 {
    case .float64:
      guard let values = readElements(bytes, in: elements, count: count, as: Double.self) else { return nil }
      return (Matrix(rows: rows, columns: columns, elements: values), index)
    case .float32:
      guard let values = readElements(bytes, in: elements, count: count, as: Float.self) else { return nil }
      return (Matrix(rows: rows, columns: columns, elements: values), index)
    }
  }

  /// Reads `"float64"` or `"float32"`, written without escapes.
  private static func readElementType(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int)
    -> (value: ElementType, end: Int)?
  {
    for type in ElementType.allCases {
      let text = Array("\"\(type.rawValue)\"".utf8)
      guard start + text.count <= bytes.count else { continue }
      if bytes[start..<start + text.count].elementsEqual(text) { return (type, start + text.count) }
    }
    return nil
  }

  /// Reads `rows` or `columns`: `0` or digits without a leading zero, at most ``maximumShapeDigits`` of them,
  /// followed by whitespace, `,` or `}`.
  private static func readShape(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (value: Int, end: Int)? {
    var index = start
    var value = 0
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      guard index - start < maximumShapeDigits else { return nil }
      value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    guard index > start, index - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
    return (value, index)
  }

  /// Reads exactly `count` numbers separated by commas between the brackets at the ends of `range`, each the
  /// correctly rounded `Element` (``JSONNumberText/read(_:at:)`` and ``JSONNumberText/single(_:in:)``).
  private static func readElements<Element: MatrixElement>(
    _ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, count: Int, as type: Element.Type
  ) -> [Element]? {
    let scanner = JSONPathScanner(bytes: bytes)
    let close = range.upperBound - 1
    var isValid = true
    let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      var index = scanner.skipSpace(from: range.lowerBound + 1)
      if index == close {
        isValid = count == 0
        return
      }
      while true {
        guard initialized < count, let (value, end) = JSONNumberText.read(bytes, at: index), end <= close,
          let element = element(value, text: bytes[index..<end], as: Element.self)
        else {
          isValid = false
          return
        }
        buffer[initialized] = element
        initialized += 1
        index = scanner.skipSpace(from: end)
        if index == close { break }
        guard bytes[index] == UInt8(ascii: ",") else {
          isValid = false
          return
        }
        index = scanner.skipSpace(from: index + 1)
      }
      isValid = initialized == count
    }
    return isValid ? values : nil
  }

  /// `value` as an `Element`: itself for `Double`, the nearest `Float` to its text otherwise (`nil` when that is
  /// not finite, or zero for a non-zero number).
  private static func element<Element: MatrixElement>(
    _ value: Double, text: Slice<UnsafeBufferPointer<UInt8>>, as type: Element.Type
  ) -> Element? {
    if Element.self == Double.self { return Element(value) }
    return JSONNumberText.single(value, in: text).map { Element($0) }
  }

  /// Appends `matrix` as JSONEncoder writes it with sorted keys: `{"columns":C,"elements":[…],"rows":R}`, with
  /// `"element_type":"float32"` after the columns for a `float32` matrix.
  ///
  /// - Parameters:
  ///   - matrix: The matrix; every element must be finite.
  ///   - bytes: Where the text goes.
  /// - Returns: The index of the first element that is not finite, or `nil` when all are (the text is then
  ///   complete).
  static func append(_ matrix: Matrix, to bytes: inout [UInt8]) -> Int? {
    bytes.append(contentsOf: #"{"columns":"#.utf8)
    JSONNumberText.append(matrix.columns, to: &bytes)
    if matrix.elementType == .float32 { bytes.append(contentsOf: #","element_type":"float32""#.utf8) }
    bytes.append(contentsOf: #","elements":["#.utf8)
    func appendElements<Element: MatrixElement>(_ type: Element.Type) -> Int? {
      matrix.withUnsafeBufferPointer(as: type) { elements -> Int? in
        for (index, element) in elements.enumerated() {
          guard element.isFinite else { return index }
          if index > 0 { bytes.append(UInt8(ascii: ",")) }
          JSONNumberText.append(element, to: &bytes)
        }
        return nil
      }
    }
    let nonFinite = matrix.elementType == .float64 ? appendElements(Double.self) : appendElements(Float.self)
    if nonFinite != nil { return nonFinite }
    bytes.append(contentsOf: #"],"rows":"#.utf8)
    JSONNumberText.append(matrix.rows, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
    return nil
  }
}
