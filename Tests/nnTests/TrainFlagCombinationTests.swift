import Foundation
import Testing

/// Flags of `nn train` that are fine alone but not together, or out of range: each gives one precise line.
@Suite("nn train flag combinations")
struct TrainFlagCombinationTests {
  /// A two-class CSV file of `perClass` samples per class, in a new folder.
  static func twoClassFile(perClass: Int) throws -> URL {
    let url = try CommandRunner.temporaryDirectory().appendingPathComponent("two.csv")
    var lines = ["a,b,answer"]
    for index in 0..<perClass {
      let shift = Double(index % 7) * 0.1
      lines.append("\(1 + shift),\(1 - shift),no")
      lines.append("\(4 + shift),\(4 - shift),yes")
    }
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test(
    "bad combinations and ranges on iris",
    arguments: [
      (["--optimizer", "nesterov", "--momentum", "0"], "must be greater than 0 with Nesterov momentum"),
      (["--optimizer", "momentum(nesterov=true)", "--momentum", "0"], "greater than 0 with Nesterov"),
      (["--loss", "binary_cross_entropy"], "binary_cross_entropy on 3 output units needs multi-label 0/1 targets"),
      (["--patience", "0"], "--patience must be at least 1"),
      (["--patience", "2", "--iterations", "3"], "shorter than one epoch (10 iterations of batch 16 on 150 samples)"),
      (["--patience", "2", "--min-delta=-0.1"], "--min-delta must be a number of at least 0"),
      (["--min-delta", "0.01"], "--min-delta only applies with --patience"),
      (["--test-fraction", "1"], "--test-fraction must be between 0 and 1"),
      (["--network", "dense(12),relu,dense(1),softmax"], "end the network in 3 units"),
      (["--network", "dense(9223372036854775807),softmax"], "must be at most 268435456 (a layer's parameter limit)"),
      (["--network", "dense(4611686018427387904),softmax"], "parameter limit), got 4611686018427387904"),
      (["--network", "dense(0),softmax"], "invalid 'units' for 'dense': must be at least 1, got 0"),
      (["--network", "dense(-1),softmax"], "invalid 'units' for 'dense': must be at least 1, got -1"),
      (["--network", "maxout(3, pieces=9223372036854775807),dense(3),softmax"], "got 3 × 9223372036854775807"),
      (["--network", "maxout(4611686018427387904),dense(3),softmax"], "got 4611686018427387904 × 2"),
      (
        ["--network", "dense(67108864),dense(3),softmax"],
        "cannot build the network: layer 1 ('dense(bias=true, units=67108864)') would have 335544320 parameters"
      ),
      (["--layers", "9223372036854775807"], "--layers expects widths of at most 268435456"),
    ] as [([String], String)])
  func iris(arguments: [String], message: String) throws {
    try expectRefusal(arguments, message: message)
  }

  @Test(
    "one output unit with softmax, and binary cross-entropy on one-hot targets",
    arguments: [
      (["--outputs", "1", "--loss", "softmax_cross_entropy"], "softmax_cross_entropy needs at least 2 output units"),
      (["--output-activation", "sigmoid", "--loss", "softmax_cross_entropy"], "give --outputs 2"),
      (["--outputs", "1", "--output-activation", "softmax", "--loss", "mse"], "softmax on 1 output unit"),
      (["--network", "dense(4),relu,dense(1),softmax", "--loss", "mse"], "--network ending in softmax on 1 output"),
      (["--outputs", "2", "--loss", "binary_cross_entropy"], "one class per sample"),
    ] as [([String], String)])
  func twoClasses(arguments: [String], message: String) throws {
    let file = try Self.twoClassFile(perClass: 10)
    try expectRefusal(["--data", file.path] + arguments, message: message)
  }

  @Test("a test fraction that leaves no test sample names the flag")
  func testFractionTooSmallData() throws {
    let file = try Self.twoClassFile(perClass: 1)
    try expectRefusal(["--data", file.path, "--test-fraction", "0.5"], message: "--test-fraction 0.5: no class")
  }

  @Test("the combinations that work: binary cross-entropy on one unit, --plot with --quiet, patience with min-delta")
  func accepted() throws {
    let file = try Self.twoClassFile(perClass: 10)
    let binary = try CommandRunner.run([
      "train", "--quiet", "--json", "--data", file.path, "--loss", "binary_cross_entropy", "--epochs", "50",
    ])
    #expect(binary.status == 0, "\(binary.error)")
    #expect(try binary.json()["network"] as? String == "2-12-6-1")
    let directory = try CommandRunner.temporaryDirectory()
    let plot = directory.appendingPathComponent("quiet.svg").path
    let quiet = try CommandRunner.run([
      "train", "--quiet", "--epochs", "20", "--patience", "3", "--min-delta", "0.001", "--plot", plot,
    ])
    #expect(quiet.status == 0, "\(quiet.error)")
    #expect(quiet.output.isEmpty)
    #expect(FileManager.default.fileExists(atPath: plot))
  }

  /// Runs `nn train --quiet` with `arguments` and expects status 64 and one line containing `message`.
  private func expectRefusal(_ arguments: [String], message: String) throws {
    let result = try CommandRunner.run(["train", "--quiet"] + arguments)
    #expect(result.status == 64, "\(arguments): \(result.error)")
    #expect(result.error.contains(message), "\(arguments): \(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(arguments): \(result.error)")
  }
}
