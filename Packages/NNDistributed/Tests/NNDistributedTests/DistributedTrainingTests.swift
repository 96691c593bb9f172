import Foundation
import Testing

/// Data-parallel training under `mpirun` with 2 and 4 processes on this machine (shared-memory transport,
/// loopback only, more processes than cores allowed), against the same training in one process.
@Suite("Training across processes", .serialized)
struct DistributedTrainingTests {
  /// What one training ended with, as the check tool writes it.
  struct Result: Decodable {
    var parameters: [Double]
    var losses: [Double]
  }

  /// The directory of the test build's products (the check tool is there).
  static var products: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The check tool.
  static var tool: String {
    let direct = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for folder in [direct, products] {
      let candidate = folder.appendingPathComponent("nn-distributed-check").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return direct.appendingPathComponent("nn-distributed-check").path
  }

  /// Open MPI's settings for this machine: as root, shared memory and the process itself as transports, the
  /// loopback interface for the launcher, more processes than cores.
  static var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    environment["OMPI_MCA_btl"] = "self,vader"
    environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1"
    environment["OMPI_MCA_oob_tcp_if_include"] = "lo"
    return environment
  }

  /// Runs `command` with a time limit; returns its status and standard error.
  static func run(_ command: [String], seconds: Double = 120) throws -> (status: Int32, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return (-1, "timed out after \(seconds) s")
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return (process.terminationStatus, text)
  }

  /// Trains with `processes` processes (none: the plain fit in one process) and reads the result.
  static func train(processes: Int?, batch: Int, steps: Int) throws -> Result {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("nn-distributed-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: output) }
    let command =
      processes.map { ["mpirun", "-np", "\($0)", tool, "train"] } ?? [tool, "single"]
    let (status, error) = try run(command + [output.path, "\(batch)", "\(steps)"])
    #expect(status == 0, "\(command): \(error)")
    return try JSONDecoder().decode(Result.self, from: Data(contentsOf: output))
  }

  /// `max |a − b| / max |b|`.
  static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 0
    let largest = zip(a, b).map { abs($0 - $1) }.max() ?? 0
    return scale == 0 ? largest : largest / scale
  }

  @Test("2 and 4 processes end with one process's weights on the same global batches", arguments: [2, 4])
  func sameWeights(processes: Int) throws {
    for batch in [32, 7] {
      let single = try Self.train(processes: nil, batch: batch, steps: 60)
      let distributed = try Self.train(processes: processes, batch: batch, steps: 60)
      #expect(distributed.parameters.count == single.parameters.count)
      let difference = Self.relativeDifference(distributed.parameters, single.parameters)
      #expect(difference < 1e-12, "\(processes) processes, batch \(batch): weights differ by \(difference)")
      #expect(distributed.losses.count == single.losses.count)
      #expect(Self.relativeDifference(distributed.losses, single.losses) < 1e-12)
      // Training moved the weights: the comparison is not of two untouched networks.
      let start = try Self.train(processes: nil, batch: batch, steps: 1)
      #expect(Self.relativeDifference(single.parameters, start.parameters) > 1e-3)
    }
  }

  @Test("a process with other settings stops every process with a message naming it and what differs")
  func mismatch() throws {
    let (status, error) = try Self.run(["mpirun", "-np", "2", Self.tool, "mismatch"], seconds: 60)
    #expect(status != 0 && status != -1, "status \(status): \(error)")
    #expect(error.contains("rank 1 differs from rank 0 in the batch size"), "\(error)")
  }

  @Test("a process that dies stops every process, naming it; nothing waits forever")
  func death() throws {
    let (status, error) = try Self.run(["mpirun", "-np", "2", Self.tool, "die"], seconds: 60)
    #expect(status != 0 && status != -1, "status \(status): \(error)")
    #expect(error.contains("rank 1"), "\(error)")
  }
}
