import Foundation
import NNCore
import NNLayers
import NNOptim
import NNTraining
import Testing

/// Ctrl-C during `nn train`: the run stops at the end of its step, saves a model that resumes, and exits 130.
@Suite("nn train interrupted", .serialized)
struct TrainInterruptTests {
  @Test("SIGINT stops training at the end of a step, saves a resumable model and exits 130")
  func interruptSaves() throws {
    let folder = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    let errorURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["train", "--iterations", "100000000", "--log-every", "1000", "--save", path]
    let output = folder.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Interrupt once training has printed a progress line (the handler is installed by then).
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning, Date() < deadline,
      !(try String(contentsOf: output, encoding: .utf8)).contains("iteration")
    {
      usleep(20_000)
    }
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    let error = try String(contentsOf: errorURL, encoding: .utf8)
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 130, "\(error)")
    #expect(error.contains("nn train: interrupted after "), "\(error)")
    #expect(error.contains("the model was saved to \(path) (continue with --resume \(path))"), "\(error)")

    let registry = try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
    let model = try LoadedModel(path: path, registry: registry)
    let steps = model.file.progress.iterations
    #expect(steps > 0 && steps < 100_000_000)
    #expect(error.contains("interrupted after \(steps) iterations"), "\(error)")
    #expect(model.network.parameters.joined().allSatisfy { $0.elements.allSatisfy(\.isFinite) })

    let resumed = try CommandRunner.run(["train", "--resume", path, "--iterations", "20", "--save", path, "--quiet"])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(try LoadedModel(path: path, registry: registry).file.progress.iterations == steps + 20)
  }
}
