/// The lines of a delimited text file split into fields, before any field is interpreted, read one row at a time.
///
/// Only the first lines are read ahead, to detect the delimiter and the header; the rest are split as they are
/// asked for, so the fields of one line at most are held at once.
struct CSVTable {
  /// One non-blank line: its 1-based number in the file and its fields, trimmed of spaces.
  struct Row {
    /// The line number, counting from 1 (blank lines count).
    let line: Int
    /// The fields, unquoted (see ``CSVTable/fields(of:delimiter:)``).
    let fields: [String]
  }

  /// The number of non-blank lines read ahead to detect the delimiter.
  static let detectionLines = 10

  /// The separator used.
  let delimiter: CSVDelimiter
  /// The header's fields, or `nil` when the file has none.
  let header: [String]?
  /// The lines after those read ahead.
  private let lines: TextLines
  /// The rows read ahead and not yet returned, in reverse order.
  private var readAhead: [Row]

  /// Reads the first lines, detecting the delimiter and the header unless they are given.
  ///
  /// Blank lines are skipped. A quoted field may contain the delimiter and doubled quotes, not a line end.
  ///
  /// - Parameters:
  ///   - lines: The file's lines (their ends, a byte-order mark and the limit on their length are handled there).
  ///   - delimiter: The separator; detected when `nil` (see ``detectDelimiter(in:)``).
  ///   - hasHeader: Whether the first line is a header; detected when `nil` (see ``looksLikeHeader(_:before:)``).
  /// - Throws: The errors of ``TextLines/next()``.
  init(_ lines: TextLines, delimiter: CSVDelimiter?, hasHeader: Bool?) throws {
    var first: [TextLines.Line] = []
    while first.count < Self.detectionLines, let line = try Self.nextNonBlank(lines) { first.append(line) }
    let chosen = delimiter ?? Self.detectDelimiter(in: first.map(\.text))
    var rows = first.map { Row(line: $0.number, fields: Self.fields(of: $0.text, delimiter: chosen)) }
    var header: [String]?
    if let firstRow = rows.first {
      let isHeader = hasHeader ?? Self.looksLikeHeader(firstRow.fields, before: rows.dropFirst().first?.fields)
      if isHeader {
        header = firstRow.fields
        rows.removeFirst()
      }
    }
    self.delimiter = chosen
    self.header = header
    self.lines = lines
    self.readAhead = rows.reversed()
  }

  /// The next data row, or `nil` after the last.
  ///
  /// - Throws: The errors of ``TextLines/next()``.
  mutating func nextRow() throws -> Row? {
    if let row = readAhead.popLast() { return row }
    guard let line = try Self.nextNonBlank(lines) else { return nil }
    return Row(line: line.number, fields: Self.fields(of: line.text, delimiter: delimiter))
  }

  /// The next line that holds more than spaces and tabs.
  private static func nextNonBlank(_ lines: TextLines) throws -> TextLines.Line? {
    while let line = try lines.next() {
      if !line.text.allSatisfy({ $0 == " " || $0 == "\t" }) { return line }
    }
    return nil
  }

  /// The delimiter that splits the first lines into the same number of fields, most fields first; comma when
  /// none splits them.
  ///
  /// - Parameter lines: The first non-blank lines.
  static func detectDelimiter(in lines: [Substring]) -> CSVDelimiter {
    var best = CSVDelimiter.comma
    var bestCount = 1
    for candidate in CSVDelimiter.allCases {
      let counts = lines.map { fields(of: $0, delimiter: candidate).count }
      guard let first = counts.first, first > 1, counts.allSatisfy({ $0 == first }) else { continue }
      if first > bestCount {
        best = candidate
        bestCount = first
      }
    }
    if bestCount == 1 {
      // No consistent split: take the separator that appears most on the first line.
      let first = lines.first ?? ""
      let counts = CSVDelimiter.allCases.map { candidate in first.filter { String($0) == candidate.rawValue }.count }
      if let most = counts.max(), most > 0, let index = counts.firstIndex(of: most) {
        best = CSVDelimiter.allCases[index]
      }
    }
    return best
  }

  /// Whether a first line is a header: some field of it is not a number while the same field of the next line
  /// is one; or, without a usable next line, none of its fields is a number.
  ///
  /// - Parameters:
  ///   - first: The first line's fields.
  ///   - next: The second line's fields, if there is a second line.
  static func looksLikeHeader(_ first: [String], before next: [String]?) -> Bool {
    guard let next, next.count == first.count else { return first.allSatisfy { Double($0) == nil } }
    return zip(first, next).contains { Double($0) == nil && Double($1) != nil }
  }

  /// A line's fields: unquoted fields trimmed of spaces and tabs; a field that starts with `"` (after spaces)
  /// runs to its closing quote, may hold the delimiter, and writes a quote as `""` (RFC 4180). Spaces after
  /// the closing quote are dropped; an unclosed quote runs to the end of the line.
  static func fields(of line: Substring, delimiter: CSVDelimiter) -> [String] {
    let separator = Character(delimiter.rawValue)
    var fields: [String] = []
    var field = ""
    var quoted = false
    var inQuotes = false
    var index = line.startIndex
    while index < line.endIndex {
      let character = line[index]
      index = line.index(after: index)
      if inQuotes {
        if character != "\"" {
          field.append(character)
        } else if index < line.endIndex, line[index] == "\"" {
          field.append("\"")
          index = line.index(after: index)
        } else {
          inQuotes = false
        }
      } else if character == separator {
        fields.append(quoted ? field : String(Substring(field).trimmingWhitespace()))
        field = ""
        quoted = false
      } else if character == "\"", !quoted, field.allSatisfy({ $0 == " " || $0 == "\t" }) {
        field = ""
        quoted = true
        inQuotes = true
      } else if !quoted || !(character == " " || character == "\t") {
        field.append(character)
      }
    }
    fields.append(quoted ? field : String(Substring(field).trimmingWhitespace()))
    return fields
  }
}
