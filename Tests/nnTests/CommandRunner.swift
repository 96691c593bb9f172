import Foundation
import TestScratch

/// Runs the built `nn` executable and captures what it prints.
struct CommandRunner {
  /// What one run printed and how it ended.
  struct Result {
    /// The exit status.
    let status: Int32
    /// Standard output.
    let output: String
    /// Standard error.
    let error: String

    /// The last non-empty line of standard output.
    var lastLine: String { output.split(separator: "\n").last.map(String.init) ?? "" }

    /// The last line parsed as a JSON object.
    func json() throws -> [String: Any] {
      let object = try JSONSerialization.jsonObject(with: Data(lastLine.utf8))
      guard let dictionary = object as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
      return dictionary
    }
  }

  /// The `nn` executable built beside the test bundle.
  static let executable: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("nn")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL.appendingPathComponent("nn")
  }()

  /// Runs `nn` with `arguments`.
  ///
  /// - Parameters:
  ///   - arguments: The command-line arguments after `nn`.
  ///   - directory: The working directory.
  ///   - environment: Variables to add to the environment.
  ///   - launcher: A program and its arguments that run `nn` (an emulator), or none to run it directly.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], launcher: [String] = []
  ) throws -> Result {
    let process = Process()
    if let program = launcher.first {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = launcher.dropFirst() + [executable.path] + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let directory { process.currentDirectoryURL = directory }
    // Output goes to files, not pipes: a child writing much to one pipe while the other is read would block.
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outputURL = scratch.appendingPathComponent("stdout")
    let errorURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()
    return Result(
      status: process.terminationStatus, output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
      error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
  }

  /// A new empty directory for files a test writes.
  static func temporaryDirectory() throws -> URL { try ScratchDirectory.make() }
}
