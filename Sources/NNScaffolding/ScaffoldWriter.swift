import Foundation

/// Writes a rendered ``RenderedComponent`` all or nothing.
///
/// Each file is written to a temporary file beside it and renamed into place, so no file is ever half-written.
/// If any step fails, the files created are removed, the files replaced (the plugin file, or sources under
/// `--force`) get their old text back, and the folders created are removed.
struct ScaffoldWriter {
  /// The repository root the plan's paths are relative to.
  let root: URL

  private enum Undo {
    case remove(URL)
    case restore(URL, Data)
    case removeFolder(URL)
  }

  /// Writes every file of `plan` and the plugin file.
  ///
  /// - Parameter plan: The rendered plan.
  /// - Throws: ``ScaffoldingError`` (cannot create or input/output), after undoing what was written.
  func write(_ plan: RenderedComponent) throws {
    var undo: [Undo] = []
    do {
      for file in plan.files + (plan.plugin.map { [$0] } ?? []) {
        try write(file, undo: &undo)
      }
    } catch {
      rollBack(undo)
      throw error
    }
  }

  private func write(_ file: ScaffoldFile, undo: inout [Undo]) throws {
    let manager = FileManager.default
    let url = root.appendingPathComponent(file.path)
    try createFolders(for: url, undo: &undo)
    if manager.fileExists(atPath: url.path) {
      guard let old = manager.contents(atPath: url.path) else {
        throw ScaffoldingError.inputOutput("cannot read \(file.path) before replacing it")
      }
      undo.append(.restore(url, old))
    } else {
      undo.append(.remove(url))
    }
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).nn-new-\(ProcessInfo.processInfo.processIdentifier)")
    guard manager.createFile(atPath: temporary.path, contents: Data(file.contents.utf8)) else {
      throw ScaffoldingError.cannotCreate("cannot create \(file.path): its folder is not writable")
    }
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: temporary)
      throw ScaffoldingError.inputOutput("cannot write \(file.path): \(reason)")
    }
  }

  private func createFolders(for url: URL, undo: inout [Undo]) throws {
    var missing: [URL] = []
    var folder = url.deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.path), folder.path != root.path, folder.path != "/" {
      missing.append(folder)
      folder = folder.deletingLastPathComponent()
    }
    for folder in missing.reversed() {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
      } catch {
        throw ScaffoldingError.cannotCreate("cannot create the folder \(folder.path)")
      }
      undo.append(.removeFolder(folder))
    }
  }

  private func rollBack(_ undo: [Undo]) {
    let manager = FileManager.default
    for step in undo.reversed() {
      switch step {
      case .remove(let url): try? manager.removeItem(at: url)
      case .restore(let url, let data): try? data.write(to: url, options: .atomic)
      case .removeFolder(let url): try? manager.removeItem(at: url)
      }
    }
  }
}
