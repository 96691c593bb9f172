import Foundation
import Testing

@testable @_spi(Internals) import NNData
@testable @_spi(Internals) import NNTraining

/// Saves killed with SIGKILL while writing: the folder then holds the old or the new complete file, and nothing
/// else (or, when the kill fell between naming the finished temporary file and renaming it, that temporary file,
/// which the next save removes).
@Suite("model file: killed saves", .serialized)
struct AtomicFileKillTests {
  /// The `nn` executable built beside the test bundle, which saves a model with `train --save`.
  static let executable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("nn")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL.appendingPathComponent("nn")
  }()

  /// `nn train` of a 4-512-512-3 network for one step, saving its 11 MB model to `path`.
  /// - Throws: When the executable cannot be run.
  static func saving(to path: String) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = ["train", "--layers", "512,512", "--iterations", "1", "--seed", "1", "--quiet", "--save", path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Whether `process` has a file open in `folder` (its temporary file: unnamed, `/folder/#123 (deleted)`, or
  /// named).
  static func isWriting(_ process: Process, in folder: String) -> Bool {
    let descriptors = "/proc/\(process.processIdentifier)/fd"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: descriptors) else { return false }
    return entries.contains { entry in
      guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(descriptors)/\(entry)") else {
        return false
      }
      return target.hasPrefix(folder + "/")
    }
  }

  @Test(
    "a save killed while writing leaves the old or the new file, and nothing else",
    .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
  func killedWhileWriting() throws {
    let folder = try ModelFileFixture.temporaryFolder().resolvingSymlinksInPath()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    // The new file: what the save writes when it is not killed.
    let complete = try Self.saving(to: path)
    complete.waitUntilExit()
    #expect(complete.terminationStatus == 0)
    let new = try Data(contentsOf: URL(fileURLWithPath: path))
    let old = try ModelFile(trainer: try ModelFileFixture.trainer()).jsonData()
    #expect(new.count > 10_000_000 && old != new)
    // Both are complete, loadable models: a kill that leaves either leaves a model that loads.
    _ = try LoadedModel(file: try ModelFile(jsonData: new, source: "new"), registry: TestRegistry.shared)
    _ = try LoadedModel(file: try ModelFile(jsonData: old, source: "old"), registry: TestRegistry.shared)

    var killedWhileWriting = 0
    var outcomes: [String: Int] = [:]
    // At least 200 saves killed by SIGKILL at moments spread over the write window (rounds in which the save
    // finished first do not count).
    var killedSaves = 0
    for round in 0..<400 where killedSaves < 200 {
      try AtomicFile.write(old, to: path)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
      let child = try Self.saving(to: path)
      let deadline = Date().addingTimeInterval(30)
      while child.isRunning, !Self.isWriting(child, in: folder.path), Date() < deadline { usleep(100) }
      guard child.isRunning else {
        outcomes["finished before the kill", default: 0] += 1
        continue
      }
      // From the start of the write to past its end (about 30 ms in all).
      usleep(UInt32(round % 2 == 0 ? 0 : Int.random(in: 0..<30_000)))
      kill(child.processIdentifier, SIGKILL)
      child.waitUntilExit()
      let contents = try Data(contentsOf: URL(fileURLWithPath: path))
      #expect(contents == old || contents == new, "round \(round): \(contents.count) bytes")
      let others = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "model.json" }
      if child.terminationReason == .exit {  // It had finished when the kill came.
        #expect(contents == new && others.isEmpty, "round \(round): \(others)")
        outcomes["finished before the kill", default: 0] += 1
        continue
      }
      killedSaves += 1
      if contents == old {
        killedWhileWriting += 1
        outcomes["old file", default: 0] += 1
      } else {
        outcomes["new file", default: 0] += 1
      }
      if !others.isEmpty {
        // Only the finished temporary file of the killed save, between naming and renaming, may remain.
        #expect(others.count == 1, "round \(round): \(others)")
        #expect(others.allSatisfy { TemporaryFileName.writer(of: $0) == child.processIdentifier }, "\(others)")
        #expect(try others.allSatisfy { try Data(contentsOf: folder.appendingPathComponent($0)) == new })
        outcomes["temporary file left", default: 0] += 1
      }
    }
    print("killed saves: \(outcomes)")
    #expect(killedSaves >= 200, "\(outcomes)")
    #expect(killedWhileWriting > 0, "\(outcomes)")
    try AtomicFile.write(old, to: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"], "\(outcomes)")
  }
}
