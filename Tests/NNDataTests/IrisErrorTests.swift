import Foundation
import NNData
import Testing

@Suite("Iris errors")
struct IrisErrorTests {
  /// A malformed input, the line it is on, and the exact message expected after `bad.data:<line>: `.
  struct BadLine: Sendable, CustomStringConvertible {
    let text: String
    let line: Int
    let problem: String
    var description: String { problem }
  }

  static let good = "5.1,3.5,1.4,0.2,Iris-setosa\n"

  static let badLines: [BadLine] = [
    BadLine(
      text: good + "\n5.1,3.5,1.4,Iris-setosa\n", line: 3,
      problem: "expected 4 numbers and a class name, found 4 fields"),
    BadLine(
      text: good + good + "5.1,3.5,1.4,0.2,0.1,Iris-setosa\n", line: 3,
      problem: "expected 4 numbers and a class name, found 6 fields"),
    BadLine(
      text: "5.1 3.5 1.4 0.2 Iris-setosa\n", line: 1,
      problem: "expected 4 numbers and a class name, found 1 field"),
    BadLine(
      text: good + "5.1,3.5,1.4,0.2,Iris-setosa,\n", line: 2,
      problem: "expected 4 numbers and a class name, found 6 fields"),
    BadLine(
      text: good + good + good + "5.1,3.5,abc,0.2,Iris-setosa\n", line: 4,
      problem: "expected a number for field 3 (petal length), found 'abc'"),
    BadLine(
      text: good + "5.1,,1.4,0.2,Iris-setosa\n", line: 2,
      problem: "expected a number for field 2 (sepal width), found ''"),
    BadLine(
      text: good + "5.1,3.5,1.4,0.2.1,Iris-setosa\n", line: 2,
      problem: "expected a number for field 4 (petal width), found '0.2.1'"),
    BadLine(
      text: good + "nan,3.5,1.4,0.2,Iris-setosa\n", line: 2,
      problem: "expected a finite number for field 1 (sepal length), found 'nan'"),
    BadLine(
      text: good + "5.1,inf,1.4,0.2,Iris-setosa\n", line: 2,
      problem: "expected a finite number for field 2 (sepal width), found 'inf'"),
    BadLine(
      text: good + "5.1,3.5,1e400,0.2,Iris-setosa\n", line: 2,
      problem: "expected a finite number for field 3 (petal length), found '1e400'"),
    BadLine(
      text: good + "5.1,3.5,1.4,0.2,  \n", line: 2,
      problem: "expected a class name in field 5, found an empty field"),
    BadLine(
      text: good + "\r\n\r\n" + "5.1,3.5,1.4,0.2\r\n", line: 4,
      problem: "expected 4 numbers and a class name, found 4 fields"),
  ]

  @Test("a bad line names the file, its 1-based number and what was expected", arguments: badLines)
  func badLine(_ bad: BadLine) throws {
    let error = try #require(throws: DataError.self) {
      try IrisLoader.parse(bad.text, source: "bad.data")
    }
    #expect(error == .malformedLine(source: "bad.data", line: bad.line, problem: bad.problem))
    #expect(error.description == "bad.data:\(bad.line): \(bad.problem)")
  }

  @Test(
    "text without samples is an error",
    arguments: ["", "\n\n", "  \r\n\t\n", "a,b,c,d,species\n\n"])
  func noSamples(_ text: String) throws {
    let error = try #require(throws: DataError.self) {
      try IrisLoader.parse(text, source: "empty.data")
    }
    guard case .invalidContent(let source, _) = error else {
      Issue.record("expected invalidContent, got \(error)")
      return
    }
    #expect(source == "empty.data")
    #expect(error.description.hasPrefix("empty.data: no samples"))
  }

  @Test("a missing file is an error naming the path, not a crash")
  func missingFile() throws {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/iris.data")
    let error = try #require(throws: DataError.self) { try IrisLoader.load(contentsOf: url) }
    #expect(error == .missingFile(path: url.path))
    #expect(error.description == "cannot read \(url.path): no such file")
  }

  @Test("a directory is an unreadable file")
  func directory() throws {
    let url = FileManager.default.temporaryDirectory
    let error = try #require(throws: DataError.self) { try IrisLoader.load(contentsOf: url) }
    #expect(error == .unreadableFile(path: url.relativePath, reason: "it is a directory"))
  }

  @Test("a file on disk is read, named by its file name, and its errors name its path")
  func fileOnDisk() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }

    let good = directory.appendingPathComponent("flowers.data")
    try Data("5.1,3.5,1.4,0.2,Iris-setosa\r\n6.3,3.3,6.0,2.5,Iris-virginica\r\n".utf8).write(
      to: good)
    let data = try IrisLoader.load(contentsOf: good)
    #expect(data.name == "flowers.data")
    #expect(data.count == 2)
    #expect(data.features.row(1) == [6.3, 3.3, 6.0, 2.5])

    let bad = directory.appendingPathComponent("bad.data")
    try Data("5.1,3.5,1.4,0.2,Iris-setosa\n5.1,3.5,1.4,x\n".utf8).write(to: bad)
    let error = try #require(throws: DataError.self) { try IrisLoader.load(contentsOf: bad) }
    #expect(
      error.description == "\(bad.path):2: expected 4 numbers and a class name, found 4 fields")

    let binary = directory.appendingPathComponent("binary.data")
    try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: binary)
    let binaryError = try #require(throws: DataError.self) {
      try IrisLoader.load(contentsOf: binary)
    }
    #expect(binaryError == .unreadableFile(path: binary.path, reason: "not UTF-8 text"))
  }
}
