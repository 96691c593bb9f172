import Foundation
import Testing

/// `nn data describe FILE`: how a file is read, with the data flags of `nn train`.
@Suite("nn data describe")
struct DataDescribeCommandTests {
  static func fixture(_ name: String) -> String { InspectCommandTests.fixture(name) }

  @Test("a MAT file with a labels variable: classes named after the integer labels")
  func labelsVariable() throws {
    let result = try CommandRunner.run(["data", "describe", Self.fixture("single.mat"), "--labels", "labels", "--json"])
    #expect(result.status == 0, "\(result.error)")
    let object = try result.json()
    #expect(object["samples"] as? Int == 4)
    #expect(object["classes"] as? [String] == ["3", "5", "9"])
    #expect(object["class_counts"] as? [Int] == [1, 2, 1])
  }

  @Test("a CSV file with a named label column and a forced delimiter")
  func csv() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("kind;a;b\r\nx;1;2\r\n\r\ny;3;4\r\nx;5;6\r\n".utf8).write(to: directory.appendingPathComponent("t.csv"))
    let result = try CommandRunner.run(
      ["data", "describe", "t.csv", "--label-column", "kind", "--delimiter", ";"], in: directory)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("t.csv: 3 samples, 2 features (a, b)"))
    #expect(result.output.contains("classes: x (2), y (1)"))
  }

  @Test("real-valued labels are regression")
  func regression() throws {
    let result = try CommandRunner.run(["data", "describe", Self.fixture("regression.mat"), "--json"])
    #expect(try result.json()["task"] as? String == "regression")
  }

  @Test(
    "bad flags are usage errors (64), bad data 65, with one line on standard error",
    arguments: [
      (["--format", "xls"], Int32(64), "unknown --format 'xls'"),
      (["--delimiter", "|"], 64, "unknown --delimiter '|'"),
      (["--labels", "second", "--label-column", "0"], 64, "give either --labels or --label-column"),
      (["--variable", "third"], 65, "variable 'third': no such variable"),
      ([], 65, "2 variables could be the data: first (double 6x4), second (double 3x2)"),
      (["--variable", "first", "--label-column", "9"], 65, "label column 9 is out of range"),
    ])
  func errors(_ flags: [String], _ status: Int32, _ fragment: String) throws {
    let result = try CommandRunner.run(["data", "describe", Self.fixture("two_matrices.mat")] + flags)
    #expect(result.status == status)
    #expect(result.error.contains(fragment), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1)
  }
}
