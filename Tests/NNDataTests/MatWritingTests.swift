import Foundation
import NNCore
import NNData
import Testing

@Suite("MAT writing")
struct MatWritingTests {
  static let matrix = Matrix([[1, 2, 3], [4, 5, 6.25]])

  @Test("write then read returns the same matrices, in every version", arguments: MatVersion.allCases)
  func roundTrip(_ version: MatVersion) throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.mat")
    let column = Matrix([[0.5], [-1], [1e300]])
    try MatFile.write(
      [(name: "first", matrix: Self.matrix), (name: "column", matrix: column)], to: url, version: version)
    let file = try MatFile(contentsOf: url)
    #expect(file.version == version)
    // HDF5 lists its variables alphabetically; the other versions in the order written.
    let expected = version == .v73 ? ["column", "first"] : ["first", "column"]
    #expect(file.variables.map(\.name) == expected)
    #expect(try file.matrix(named: "first") == Self.matrix)
    #expect(try file.matrix(named: "column") == column)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers == ["out.mat"], "no temporary file remains")
  }

  @Test("scipy reads the written file with the same rows and columns")
  func scipyReadsIt() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("scipy.mat")
    try MatFile.write(Self.matrix, named: "values", to: url)
    let script = """
      import json, sys, scipy.io
      data = scipy.io.loadmat(sys.argv[1])
      print(json.dumps({"shape": list(data["values"].shape), "rows": data["values"].tolist()}))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, url.path]
    let output = Pipe()
    process.standardOutput = output
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    try #require(
      process.terminationStatus == 0, "python3 with scipy could not read the file (needs python3-scipy): \(problem)")
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["shape"] as? [Int] == [2, 3])
    #expect(object["rows"] as? [[Double]] == [[1, 2, 3], [4, 5, 6.25]])
  }

  @Test("writing replaces an existing file")
  func replaces() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("again.mat")
    try MatFile.write(Self.matrix, named: "a", to: url)
    try MatFile.write(Matrix([[7]]), named: "b", to: url)
    let file = try MatFile(contentsOf: url)
    #expect(file.variables.map(\.name) == ["b"])
  }

  @Test(
    "bad names and unwritable places are errors",
    arguments: ["", "1abc", "with space", "a-b", String(repeating: "x", count: 64)])
  func badName(_ name: String) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("never.mat")
    #expect(throws: DataError.self) { try MatFile.write(Self.matrix, named: name, to: url) }
  }

  @Test("a missing directory or a repeated name is reported")
  func unwritable() throws {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/out.mat")
    let error = try #require(throws: DataError.self) { try MatFile.write(Self.matrix, named: "a", to: url) }
    guard case .unwritableFile(let path, _) = error else {
      Issue.record("expected unwritableFile, got \(error)")
      return
    }
    #expect(path == url.path)
    let here = FileManager.default.temporaryDirectory.appendingPathComponent("twice.mat")
    #expect(throws: DataError.self) {
      try MatFile.write([(name: "a", matrix: Self.matrix), (name: "a", matrix: Self.matrix)], to: here)
    }
  }
}
