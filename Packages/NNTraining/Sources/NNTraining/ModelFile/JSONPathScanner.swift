/// A walk through JSON text that knows, at the start of each value, the keys that lead to it, so a caller can
/// find the values at given key paths (`weights.layers.0.weight`) without building the whole document.
///
/// It follows the structure only as far as finding values needs: objects, arrays, strings (with escapes) and the
/// extent of numbers and literals. Numbers, literals and the contents of strings are not checked: whoever reads
/// the text checks them. The walk is iterative, so deep nesting cannot exhaust the stack, and every read is
/// bounds-checked, so no input can make it trap.
struct JSONPathScanner {
  /// One step of a path: a key of an object (its bytes between the quotes, escapes as written) or an element of
  /// an array.
  enum Component: Equatable {
    /// A key, by the range of its bytes in the text.
    case key(Range<Int>)
    /// An array element.
    case element
  }

  /// Why a walk stopped.
  enum Stop: Error {
    /// The text is not JSON as far as the walk can tell (the caller decides what that means).
    case malformed
    /// The caller declined to go on.
    case declined
  }

  /// The deepest nesting walked; deeper text is treated as malformed.
  static let maximumDepth = 10_000

  /// The text.
  let bytes: UnsafeBufferPointer<UInt8>

  /// Walks the whole text, one JSON value with optional whitespace around it, calling `visit` at the start of
  /// every value.
  ///
  /// - Parameter visit: Called with the path of a value and the index of its first byte. Returns the index after
  ///   the value when it read the value itself (the walk then goes on from there), or `nil` to let the walk go
  ///   into it. May throw ``Stop/declined`` (or any error) to stop the walk.
  /// - Throws: ``Stop/malformed`` when the text is not a JSON value, or what `visit` throws.
  func walk(_ visit: (_ path: [Component], _ start: Int) throws -> Int?) throws {
    let end = try walkValue(from: skipSpace(from: 0), visit)
    guard skipSpace(from: end) == bytes.count else { throw Stop.malformed }
  }

  /// The index after the value that starts at `start`; `nil` when there is no well-formed value there.
  ///
  /// - Parameter start: Where the value starts (its first byte, not whitespace).
  func valueEnd(from start: Int) -> Int? {
    try? walkValue(from: start) { _, _ in nil }
  }

  /// Walks the value that starts at `start`, calling `visit` at the start of it and of every value inside, with
  /// paths relative to it; returns the index after it.
  private func walkValue(from start: Int, _ visit: (_ path: [Component], _ start: Int) throws -> Int?) throws -> Int {
    var path: [Component] = []
    var containers: [UInt8] = []  // The closing byte of each open container.
    var index = start
    while true {
      // At the start of a value.
      var isValueDone = true
      if let end = try visit(path, index) {
        guard end > index, end <= bytes.count else { throw Stop.malformed }
        index = end
      } else {
        guard index >= 0, index < bytes.count else { throw Stop.malformed }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          let isObject = bytes[index] == UInt8(ascii: "{")
          index = skipSpace(from: index + 1)
          let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
          if index < bytes.count, bytes[index] == closing {
            index += 1
          } else {
            guard containers.count < Self.maximumDepth else { throw Stop.malformed }
            containers.append(closing)
            if isObject {
              index = try readKey(from: index, into: &path)
            } else {
              path.append(.element)
            }
            isValueDone = false
          }
        case UInt8(ascii: "\""):
          index = try stringEnd(from: index)
        case UInt8(ascii: "t"):
          index = try literalEnd("true", from: index)
        case UInt8(ascii: "f"):
          index = try literalEnd("false", from: index)
        case UInt8(ascii: "n"):
          index = try literalEnd("null", from: index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          index = numberEnd(from: index)
        default:
          throw Stop.malformed
        }
      }
      guard isValueDone else { continue }
      // After a value: close containers until one goes on with another member.
      while true {
        guard let closing = containers.last else { return index }
        index = skipSpace(from: index)
        guard index < bytes.count else { throw Stop.malformed }
        path.removeLast()
        if bytes[index] == UInt8(ascii: ",") {
          index = skipSpace(from: index + 1)
          if closing == UInt8(ascii: "}") {
            index = try readKey(from: index, into: &path)
          } else {
            path.append(.element)
          }
          break
        }
        guard bytes[index] == closing else { throw Stop.malformed }
        containers.removeLast()
        index += 1
      }
    }
  }

  /// Whether the key component holds exactly `name` (written without escapes).
  ///
  /// - Parameters:
  ///   - component: A path component.
  ///   - name: An ASCII key.
  func matches(_ component: Component, _ name: StaticString) -> Bool {
    guard case .key(let range) = component, range.count == name.utf8CodeUnitCount else { return false }
    let expected = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    return zip(bytes[range], expected).allSatisfy { $0 == $1 }
  }

  /// Whether a key is plain: printable ASCII without escapes, so its bytes are the key itself.
  ///
  /// - Parameter component: A path component.
  func isPlainKey(_ component: Component) -> Bool {
    guard case .key(let range) = component else { return false }
    return bytes[range].allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }
  }

  /// The key's text, for a plain key.
  ///
  /// - Parameter component: A key component.
  func keyText(_ component: Component) -> String {
    guard case .key(let range) = component else { return "" }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// Reads a key and its colon, appends the key to `path` and returns where its value starts.
  private func readKey(from start: Int, into path: inout [Component]) throws(Stop) -> Int {
    guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { throw .malformed }
    let end = try stringEnd(from: start)
    let index = skipSpace(from: end)
    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw .malformed }
    path.append(.key(start + 1..<end - 1))
    return skipSpace(from: index + 1)
  }

  /// The index after the string that starts (with its quote) at `start`.
  func stringEnd(from start: Int) throws(Stop) -> Int {
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""): return index + 1
      case UInt8(ascii: "\\"): index += 2
      default: index += 1
      }
    }
    throw .malformed
  }

  /// The index after `literal`, which must start at `start`.
  private func literalEnd(_ literal: StaticString, from start: Int) throws(Stop) -> Int {
    let length = literal.utf8CodeUnitCount
    guard start + length <= bytes.count else { throw .malformed }
    let expected = UnsafeBufferPointer(start: literal.utf8Start, count: length)
    for offset in 0..<length where bytes[start + offset] != expected[offset] { throw .malformed }
    return start + length
  }

  /// The index after the bytes that can make a number (digits, sign, point, exponent).
  private func numberEnd(from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
        UInt8(ascii: "e"), UInt8(ascii: "E"):
        index += 1
      default:
        return index
      }
    }
    return index
  }

  /// The index of the first byte from `start` on that is not JSON whitespace (space, tab, line feed, return).
  ///
  /// - Parameter start: Where to start.
  func skipSpace(from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
      default: return index
      }
    }
    return index
  }
}
