import Foundation
import NNTraining

extension Train {
  /// Checks a `--plot` path before training: it names an `.svg` file in a folder that exists.
  ///
  /// - Parameter path: The flag's value.
  /// - Throws: A usage ``CommandFailure`` naming the flag and what is expected.
  static func checkPlotPath(_ path: String) throws {
    let url = URL(fileURLWithPath: path)
    guard url.pathExtension.lowercased() == "svg", !url.deletingPathExtension().lastPathComponent.isEmpty else {
      throw CommandFailure("--plot writes an SVG chart: give a file name ending in .svg, got '\(path)'")
    }
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CommandFailure("--plot \(path): the folder \(folder) does not exist")
    }
  }
}
