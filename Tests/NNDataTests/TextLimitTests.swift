import Foundation
import NNCore
import NNData
import Testing

/// CSV and iris files are read a line at a time: a line longer than the limit, or the row that takes the data past
/// the element limit, is refused with a message naming the file, the line and the size.
@Suite("Text size limits")
struct TextLimitTests {
  static let lineAdvice = "raise it with --max-line-length (maximumLineLength)"
  static let elementAdvice = "raise it with --max-elements (maximumElements)"

  /// Writes `text` to a new file and returns its URL (in a new directory the caller removes).
  static func file(_ text: String, named name: String = "data.csv") throws -> URL {
    let url = try Fixtures.temporaryDirectory().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test("a line longer than the limit names the file, the line and its length in bytes")
  func longLineInText() throws {
    let long = "1,2," + String(repeating: "é", count: 15)  // 4 + 30 bytes
    let text = "1,2,a\n\(long)\n3,4,b\n"
    let options = DataLoadOptions(maximumLineLength: 20)
    let error = try #require(throws: DataError.self) { try CSVLoader.parse(text, source: "t.csv", options: options) }
    #expect(
      error.description == "t.csv:2: the line is \(long.utf8.count) bytes long, more than the limit of 20 bytes; "
        + Self.lineAdvice)
    let iris = try #require(throws: DataError.self) {
      try IrisLoader.parse("1,2,3,4,a\n\(long)\n", source: "x.data", options: options)
    }
    #expect(iris.description.hasPrefix("x.data:2: the line is 34 bytes long, more than the limit of 20 bytes"))
  }

  @Test("on disk, a line is measured to its end across chunks; a line of exactly the limit is read")
  func longLineOnDisk() throws {
    let limit = 100_000
    let label = String(repeating: "b", count: limit - 4)
    let url = try Self.file("1,2,a\n3,4,\(label)\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let data = try CSVLoader.load(contentsOf: url, options: DataLoadOptions(maximumLineLength: limit))
    #expect(data.classNames == ["a", label])

    let longLabel = String(repeating: "c", count: 200_000 - 4)
    let longURL = try Self.file("1,2,a\r\n\r\n5,6,\(longLabel)\r\n7,8,d\r\n")
    defer { try? FileManager.default.removeItem(at: longURL.deletingLastPathComponent()) }
    let error = try #require(throws: DataError.self) {
      try DataLoader.load(path: longURL.path, options: DataLoadOptions(maximumLineLength: limit))
    }
    #expect(
      error.description == "\(longURL.path):3: the line is 200,000 bytes long, more than the limit of 100,000 bytes; "
        + Self.lineAdvice)
  }

  @Test("a file without line ends is refused once it passes the limit, whatever its length")
  func noLineEnds() throws {
    let url = try Self.file(String(repeating: "1,", count: 150_000) + "a")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let error = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(maximumLineLength: 1000))
    }
    #expect(
      error.description == "\(url.path):1: the line is 300,001 bytes long, more than the limit of 1,000 bytes; "
        + Self.lineAdvice)
  }

  @Test("the row that takes the table past the element limit is refused: rows × columns, labels included")
  func elementLimit() throws {
    let text = "x,y,label\n1,2,a\n3,4,b\n5,6,c\n"
    let within = try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(maximumElements: 9))
    #expect(within.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    let error = try #require(throws: DataError.self) {
      try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(maximumElements: 8))
    }
    #expect(
      error.description
        == "t.csv:4: the data reaches 3 rows × 3 columns, more than the limit of 8 elements; \(Self.elementAdvice)")
  }

  @Test("one line of more fields than the limit allows is refused at that line")
  func wideLine() throws {
    let url = try Self.file((1...1000).map(String.init).joined(separator: ",") + "\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let error = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(maximumElements: 999))
    }
    #expect(
      error.description
        == "\(url.path):1: the data reaches 1 row × 1000 columns, more than the limit of 999 elements; "
        + Self.elementAdvice)
  }

  @Test("iris rows count five elements each")
  func irisElements() throws {
    let text = "5.1,3.5,1.4,0.2,a\n4.9,3.0,1.4,0.2,a\n6.3,3.3,6.0,2.5,b\n"
    #expect(try IrisLoader.parse(text, source: "x.data", options: DataLoadOptions(maximumElements: 15)).count == 3)
    let error = try #require(throws: DataError.self) {
      try IrisLoader.parse(text, source: "x.data", options: DataLoadOptions(maximumElements: 14))
    }
    #expect(
      error.description
        == "x.data:3: the data reaches 3 rows × 5 columns, more than the limit of 14 elements; \(Self.elementAdvice)")
    let url = try Self.file(text, named: "flowers.data")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let loaded = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(format: .iris, maximumElements: 9))
    }
    #expect(loaded.description.hasPrefix("\(url.path):2: the data reaches 2 rows × 5 columns"))
  }

  @Test("a CRLF split between two chunks is one line end; a lone CR ends a line too")
  func lineEndsAcrossChunks() throws {
    // The first line's CR is the last byte of the first 64 KiB read, its LF the first byte of the next.
    let label = String(repeating: "a", count: 65_536 - 5)
    let url = try Self.file("1,2,\(label)\r\n3,4,b\r\n5,x,c\r\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let error = try #require(throws: DataError.self) { try CSVLoader.load(contentsOf: url) }
    #expect(error.description == "\(url.path):3: expected a number in column 2 (column 2), found 'x'")
    let classic = try CSVLoader.parse("1,2,a\r3,4,b\r\r5,6,a", source: "t.csv")
    #expect(classic.features == Matrix([[1, 2], [3, 4], [5, 6]]))
    #expect(classic.labels == [0, 1, 0])
  }
}
