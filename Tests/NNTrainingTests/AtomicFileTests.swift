import Foundation
@_spi(Internals) import NNLayers
import Testing

@testable @_spi(Internals) import NNData
@testable @_spi(Internals) import NNTraining

/// Atomic writing: a temporary file in the same folder, then a rename; a failed write leaves the old file as it
/// was and no temporary file behind.
@Suite("model file: atomic writing")
struct AtomicFileTests {
  @Test("a write replaces the file and leaves nothing else in the folder")
  func replaces() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    try ModelFile(trainer: try ModelFileFixture.trainer(steps: 1)).write(path: path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("{\"class_names\":[]"))
    #expect(text.hasSuffix("}\n"))
  }

  @Test("an unwritable folder: a clear error, the old file untouched, no temporary file")
  func unwritableFolder() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    guard let restore = try Self.makeUnwritable(folder) else { return }
    defer { restore() }
    let file = ModelFile(trainer: try ModelFileFixture.trainer(steps: 1))
    do {
      try file.write(path: path)
      Issue.record("the write succeeded")
    } catch {
      guard case .unwritable(let reported, _) = error else {
        Issue.record("expected an unwritable-file error, got \(error)")
        return
      }
      #expect(reported == path)
      #expect(error.description.hasPrefix("cannot write \(path): "), "\(error)")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
  }

  @Test("a destination that is a folder: the rename fails, the temporary file is removed")
  func destinationIsFolder() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appendingPathComponent("model.json")
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
    try Data("kept".utf8).write(to: destination.appendingPathComponent("inside"))
    #expect(throws: DataError.self) { try AtomicFile.write(Data("new".utf8), to: destination.path) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
    #expect(try String(contentsOf: destination.appendingPathComponent("inside"), encoding: .utf8) == "kept")
  }

  @Test("a missing folder is named in the error")
  func missingFolder() throws {
    let path = "/nonexistent-folder/model.json"
    #expect(throws: DataError.unwritableFile(path: path, reason: "no such directory /nonexistent-folder")) {
      try AtomicFile.write(Data(), to: path)
    }
  }

  @Test("a write through a named temporary file, where unnamed files are not used, also leaves nothing else")
  func namedTemporaryFile() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    try AtomicFile.write(Array("new".utf8), to: path, allowsUnnamedFile: false)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.json"])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
  }

  @Test("temporary files of writers that are gone are removed by the next write; those of live ones are kept")
  func staleTemporaryFiles() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let gone = try Self.finishedProcessIdentifier()
    let names = [
      ".model.json.nn-\(gone)-0123abcd.tmp",  // A writer that is gone: removed.
      ".other.json.nn-\(gone)-89abcdef.tmp",  // Another destination in the folder, same writer: removed.
      ".model.json.nn-\(getpid())-0123abcd.tmp",  // This process (another thread may be writing): kept.
      ".model.json.nn-1-0123abcd.tmp",  // A live process: kept.
      ".model.json.nn-\(gone)-0123ABCD.tmp",  // Not of this naming: kept.
      ".model.json.\(UUID().uuidString).tmp",  // Not of this naming: kept.
      "notes.txt",
    ]
    for name in names { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
    try AtomicFile.write(Data("new".utf8), to: folder.appendingPathComponent("model.json").path)
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    #expect(left == Set(names.dropFirst(2) + ["model.json"]))
  }

  @Test(
    "the naming of temporary files, and what is not of it",
    arguments: [
      (".model.json.nn-123-0123abcd.tmp", Int32(123)), (".a.b.c.nn-7-ffffffff.tmp", 7), (".x.nn-1-00000000.tmp", 1),
      (".model.json.nn-0-0123abcd.tmp", nil), (".model.json.nn-12a-0123abcd.tmp", nil),
      (".model.json.nn-123-0123abc.tmp", nil), (".model.json.nn-123-0123abcd.tmp~", nil),
      ("model.json.nn-123-0123abcd.tmp", nil), (".nn-123-0123abcd.tmp", nil), (".model.json.nn-0123-0123abcd.tmp", nil),
      (".model.json.nn-99999999999-0123abcd.tmp", nil), (".model.json.nn--5-0123abcd.tmp", nil),
    ] as [(String, Int32?)])
  func naming(name: String, writer: Int32?) {
    #expect(TemporaryFileName.writer(of: name) == writer)
  }

  @Test("new temporary names are of the naming, name this process and differ")
  func newNames() {
    let names = TemporaryFileName(destination: "model.json")
    let made = (0..<100).map { _ in names.next() }
    #expect(made.allSatisfy { TemporaryFileName.writer(of: $0) == getpid() && $0.hasPrefix(".model.json.nn-") })
    #expect(Set(made).count > 90)
  }

  /// The identifier of a process that has finished.
  private static func finishedProcessIdentifier() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  /// Makes `folder` unwritable: by its permissions, or, where they do not bind (the superuser), with the
  /// immutable attribute. Returns what undoes it, or `nil` (recorded as an issue) when neither works.
  private static func makeUnwritable(_ folder: URL) throws -> (() -> Void)? {
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
    let restorePermissions = {
      _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }
    if access(folder.path, W_OK) != 0 { return restorePermissions }
    guard (try? attribute("+i", folder)) == 0 else {
      restorePermissions()
      Issue.record("cannot make a folder unwritable here (superuser without chattr)")
      return nil
    }
    return {
      _ = try? attribute("-i", folder)
      restorePermissions()
    }
  }

  /// Runs `chattr` on `folder`; returns its exit status.
  private static func attribute(_ change: String, _ folder: URL) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    process.arguments = [change, folder.path]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
