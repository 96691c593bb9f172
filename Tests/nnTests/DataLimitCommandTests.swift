import Foundation
import Testing

/// The size checks and limits seen from the tool: a MAT header that claims more than its file can hold, and the
/// `--max-elements` and `--max-line-length` flags of every command that reads data.
@Suite("nn data limits")
struct DataLimitCommandTests {
  /// The NNData fixture whose header claims 3563120328 × 3993501732 doubles in 212 bytes.
  static let overflowing = InspectCommandTests.fixture("overflow_v7.mat")

  /// Writes `text` into a new directory as `name`.
  static func file(_ text: String, named name: String = "data.csv") throws -> URL {
    let url = try CommandRunner.temporaryDirectory().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test("nn inspect lists an overflowing header with its claimed shape, then reports it: 65, one line")
  func inspectOverflow() throws {
    let result = try CommandRunner.run(["inspect", Self.overflowing])
    #expect(result.status == 65)
    let lines = result.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(
      lines.contains { $0.hasPrefix("X 3563120328x3993501732 double no: claims 3563120328 × 3993501732 elements") })
    let errors = result.error.split(separator: "\n")
    #expect(errors.count == 1, "only our message: \(result.error)")
    #expect(
      result.error.hasPrefix(
        "nn inspect: error: \(Self.overflowing): variable 'X': claims 3563120328 × 3993501732 elements, more than "
          + "the file can hold (212 compressed bytes"))
  }

  @Test(
    "commands that load data refuse the overflowing header with one line and 65",
    arguments: [["data", "describe"], ["train", "--epochs", "1", "--data"]])
  func loadOverflow(_ command: [String]) throws {
    let result = try CommandRunner.run(command + [Self.overflowing])
    #expect(result.status == 65)
    #expect(result.error.split(separator: "\n").count == 1, "only our message: \(result.error)")
    #expect(result.error.contains("\(Self.overflowing): variable 'X': claims 3563120328 × 3993501732 elements"))
  }

  @Test("--max-line-length refuses a longer line by file and line, and raises the limit")
  func lineLength() throws {
    let url = try Self.file("1,2,a\n3,4,\(String(repeating: "b", count: 96))\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let refused = try CommandRunner.run(["data", "describe", url.path, "--max-line-length", "50"])
    #expect(refused.status == 65)
    #expect(
      refused.error
        == "nn data describe: error: \(url.path):2: the line is 100 bytes long, more than the limit of 50 bytes; "
        + "raise it with --max-line-length (maximumLineLength)\n")
    let read = try CommandRunner.run(["data", "describe", url.path, "--max-line-length", "100"])
    #expect(read.status == 0, "\(read.error)")
    #expect(read.output.hasPrefix("data.csv: 2 samples"))
  }

  @Test("--max-elements applies to train and describe; inspect flags a variable beyond it")
  func elements() throws {
    let url = try Self.file("1,2,a\n3,4,b\n5,6,a\n7,8,b\n")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let message =
      "\(url.path):4: the data reaches 4 rows × 3 columns, more than the limit of 11 elements; raise it with "
      + "--max-elements (maximumElements)\n"
    let describe = try CommandRunner.run(["data", "describe", url.path, "--max-elements", "11"])
    #expect(describe.status == 65)
    #expect(describe.error == "nn data describe: error: " + message)
    let train = try CommandRunner.run(["train", "--data", url.path, "--epochs", "1", "--max-elements", "11"])
    #expect(train.status == 65)
    #expect(train.error == "nn train: error: " + message)
    #expect(try CommandRunner.run(["data", "describe", url.path, "--max-elements", "12"]).status == 0)

    let samples = InspectCommandTests.fixture("samples_v5.mat")
    let inspected = try CommandRunner.run(["inspect", samples, "--max-elements", "23"])
    #expect(inspected.status == 0)
    #expect(inspected.output.contains("no: claims 6 × 4 elements, more than the limit of 23 elements"))
  }

  @Test("a limit below 1 is a usage error", arguments: ["--max-elements", "--max-line-length"])
  func invalidLimit(_ flag: String) throws {
    let result = try CommandRunner.run(["data", "describe", "iris", flag, "0"])
    #expect(result.status == 64)
    #expect(result.error == "nn data describe: error: \(flag) must be at least 1, got 0\n")
  }
}
