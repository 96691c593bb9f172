import ArgumentParser
import Foundation

/// Why `nn new` stopped, as one line for standard error, with its sysexits status.
struct ScaffoldFailure: Error, CustomStringConvertible, Equatable {
  /// What went wrong and what is accepted.
  let message: String
  /// The exit status.
  let status: Int32

  /// Bad arguments: an invalid or taken name, an unknown kind, package or parameter (`EX_USAGE`, 64).
  ///
  /// - Parameter message: One line naming what was wrong and what is accepted.
  static func usage(_ message: String) -> ScaffoldFailure { ScaffoldFailure(message: message, status: 64) }

  /// A template is malformed: its manifest cannot be read or a Mustache file does not parse (`EX_DATAERR`, 65).
  ///
  /// - Parameter message: One line naming the file and the fault.
  static func badTemplate(_ message: String) -> ScaffoldFailure { ScaffoldFailure(message: message, status: 65) }

  /// A template folder, a template file or the repository is missing (`EX_NOINPUT`, 66).
  ///
  /// - Parameter message: One line naming what is missing and where it was looked for.
  static func missingInput(_ message: String) -> ScaffoldFailure { ScaffoldFailure(message: message, status: 66) }

  /// A file cannot be created: it exists already (without `--force`) or its folder is not writable
  /// (`EX_CANTCREAT`, 73).
  ///
  /// - Parameter message: One line naming the file.
  static func cannotCreate(_ message: String) -> ScaffoldFailure { ScaffoldFailure(message: message, status: 73) }

  /// Reading or writing failed part-way (`EX_IOERR`, 74).
  ///
  /// - Parameter message: One line naming the file and the fault.
  static func inputOutput(_ message: String) -> ScaffoldFailure { ScaffoldFailure(message: message, status: 74) }

  var description: String { message }
}

/// Runs `body`; on a failure prints `nn new: error: <message>` on standard error and exits with its status.
///
/// - Parameter body: The command's work.
func reportingScaffoldFailures(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let failure as ScaffoldFailure {
    FileHandle.standardError.write(Data("nn new: error: \(failure.message)\n".utf8))
    throw ExitCode(failure.status)
  } catch let exit as ExitCode {
    throw exit
  } catch {
    FileHandle.standardError.write(Data("nn new: error: \(error)\n".utf8))
    throw ExitCode(70)
  }
}
