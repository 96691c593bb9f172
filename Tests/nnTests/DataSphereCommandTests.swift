import Foundation
import NNCore
import NNData
import Testing

/// `nn data sphere`: the two-sphere data set as a version 7 MAT file.
@Suite("nn data sphere")
struct DataSphereCommandTests {
  @Test("writes `samples`, 2·count × 4, that our loader and scipy read back")
  func writes() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try CommandRunner.run(
      ["data", "sphere", "--out", "samples.mat", "--count", "30", "--seed", "4"], in: directory)
    #expect(result.status == 0, "\(result.error)")
    let url = directory.appendingPathComponent("samples.mat")
    let file = try MatFile(contentsOf: url)
    #expect(file.version == .v7)
    #expect(file.variables.map(\.name) == ["samples"])
    let samples = try file.matrix(named: "samples")
    #expect(samples == (try SphereData.generate(count: 30, random: RandomSource(seed: 4))))

    let data = try DataLoader.load(contentsOf: url)
    #expect(data.count == 60)
    #expect(data.classCounts == [30, 30])

    let script =
      "import scipy.io, sys; m = scipy.io.loadmat(sys.argv[1])['samples']; print(m.shape[0], m.shape[1], m[0, 0], m[59, 3])"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, url.path]
    let output = Pipe()
    process.standardOutput = output
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    try #require(
      process.terminationStatus == 0, "python3 with scipy could not read the file (needs python3-scipy): \(problem)")
    #expect(printed.split(separator: " ").map(String.init) == ["60", "4", "\(samples[0, 0])", "0.0\n"])
  }

  @Test("a bad count, variable name or output place is an error with its status")
  func errors() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let zero = try CommandRunner.run(["data", "sphere", "--out", "a.mat", "--count", "0"], in: directory)
    #expect(zero.status == 64)
    let nowhere = try CommandRunner.run(["data", "sphere", "--out", "/nonexistent-dir/a.mat"], in: directory)
    #expect(nowhere.status == 74)
    #expect(nowhere.error.contains("cannot write /nonexistent-dir/a.mat"))
    let badName = try CommandRunner.run(["data", "sphere", "--out", "a.mat", "--variable", "1x"], in: directory)
    #expect(badName.status == 64)
  }

  @Test("nn train reads the written file: --data samples.mat")
  func trains() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try CommandRunner.run(["data", "sphere", "--out", "samples.mat"], in: directory)
    let result = try CommandRunner.run(
      ["train", "--data", "samples.mat", "--layers", "3,2", "--epochs", "2", "--quiet", "--json"], in: directory)
    #expect(result.status == 0, "\(result.error)")
    #expect(try result.json()["data"] as? String == "samples.mat")
  }
}
