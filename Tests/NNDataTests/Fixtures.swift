import Foundation
import TestScratch

/// The committed MAT files of `Tests/NNDataTests/Fixtures` (written by `make_fixtures.py`).
enum Fixtures {
  /// The fixtures folder, found beside this source file.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures", isDirectory: true)

  /// The URL of a fixture file.
  ///
  /// - Parameter name: The file name, such as `samples_v73.mat`.
  static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

  /// A new empty directory for files a test writes.
  static func temporaryDirectory() throws -> URL { try ScratchDirectory.make(prefix: "data-") }
}
