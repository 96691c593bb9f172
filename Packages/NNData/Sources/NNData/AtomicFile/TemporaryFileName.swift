import Foundation

/// The names of the temporary files an atomic write makes beside its destination,
/// `.<destination>.nn-<process id>-<token>.tmp`, and the removal of those whose writing process is gone.
///
/// A write normally leaves no such file. One remains only when the writing process was killed between naming
/// its finished temporary file and renaming it over the destination (a few microseconds), or, where the file
/// system cannot make unnamed files, during the whole write. The next write into the folder removes it.
struct TemporaryFileName {
  /// The destination's file name.
  let destination: String
  /// The writing process.
  let processIdentifier: Int32

  /// Names for temporary files of `destination`, written by this process.
  ///
  /// - Parameter destination: The destination's file name (without its folder).
  init(destination: String) {
    self.destination = destination
    self.processIdentifier = getpid()
  }

  /// A new name, with a random token so that writes from several threads do not meet.
  func next() -> String {
    let token = String(UInt32.random(in: .min ... .max), radix: 16)
    let padded = String(repeating: "0", count: 8 - token.count) + token
    return ".\(destination).nn-\(processIdentifier)-\(padded).tmp"
  }

  /// The process that wrote a temporary file of this naming, or `nil` when `name` is not of this naming.
  ///
  /// - Parameter name: A file name.
  static func writer(of name: String) -> Int32? {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
    let core = name.dropFirst().dropLast(4)
    guard let marker = core.range(of: ".nn-", options: .backwards), marker.lowerBound > core.startIndex else {
      return nil
    }
    let parts = core[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let process = Int32(parts[0]), process > 0, String(process) == parts[0],
      parts[1].count == 8, parts[1].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
    else { return nil }
    return process
  }

  /// Removes, from `directory`, the temporary files of this naming whose writing process no longer runs.
  /// Failures are ignored: another writer may remove the same file at the same time.
  ///
  /// - Parameter directory: The folder's path.
  static func removeStale(in directory: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    let current = getpid()
    for name in names {
      guard let process = writer(of: name), process != current else { continue }
      guard kill(process, 0) != 0, errno == ESRCH else { continue }
      _ = unlink((directory as NSString).appendingPathComponent(name))
    }
  }
}
