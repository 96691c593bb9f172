import ArgumentParser
import Foundation
import NNCore
import NNData
import NNInterchange
import NNLayers
import NNTraining

/// Exit statuses, following BSD's sysexits.
enum ExitStatus: Int32 {
  /// The command was used incorrectly (`EX_USAGE`).
  case usage = 64
  /// The input data was incorrect (`EX_DATAERR`).
  case dataError = 65
  /// An input file did not exist or could not be read (`EX_NOINPUT`).
  case noInput = 66
  /// A service the command needs is not available, such as a shared library (`EX_UNAVAILABLE`).
  case unavailable = 69
  /// An internal error (`EX_SOFTWARE`).
  case software = 70
  /// An error while writing (`EX_IOERR`).
  case ioError = 74
  /// A setting of the environment is wrong (`EX_CONFIG`).
  case configuration = 78
}

/// An error the tool reports as one line on standard error, exiting with its status.
struct CommandFailure: Error, CustomStringConvertible {
  /// What went wrong and what is accepted.
  let message: String
  /// The exit status.
  let status: ExitStatus

  /// A failure.
  ///
  /// - Parameters:
  ///   - message: One line naming what was wrong and what is accepted.
  ///   - status: The exit status.
  init(_ message: String, status: ExitStatus = .usage) {
    self.message = message
    self.status = status
  }

  var description: String { message }
}

/// Runs `body` and returns what it returns; on a failure prints `nn <command>: error: <message>` on standard error
/// and exits with its status, instead of letting an error escape with a trace.
///
/// - Parameters:
///   - command: The subcommand's name, for the message.
///   - body: The command's work.
@discardableResult
func reportingFailures<Result>(_ command: String, _ body: () throws -> Result) throws -> Result {
  do {
    try KernelInstructionSet.checkEnvironment()
    return try body()
  } catch let exit as ExitCode {
    throw exit
  } catch {
    let failure = CommandFailure(describing: error)
    failure.report(command)
    throw ExitCode(failure.status.rawValue)
  }
}

extension CommandFailure {
  /// Prints `nn <command>: error: <message>` on standard error, naming the process when one of several.
  ///
  /// - Parameters:
  ///   - command: The subcommand's name.
  ///   - rank: This process's rank, when it trains with others.
  func report(_ command: String, rank: Int? = nil) {
    let process = rank.map { "rank \($0): " } ?? ""
    FileHandle.standardError.write(Data("nn \(command): error: \(process)\(message)\n".utf8))
  }

  /// The failure to report for any error: component errors are usage errors, data, network and model file
  /// errors are data errors (a missing file is missing input, an unwritable one an input/output error), anything
  /// else is an internal error.
  ///
  /// - Parameter error: The error that stopped the command.
  init(describing error: any Error) {
    switch error {
    case let failure as CommandFailure:
      self = failure
    case let error as TrainingError:
      self.init(error.message, status: error.kind == .data ? .dataError : .usage)
    case let error as ComponentError:
      self.init("\(error)", status: .usage)
    case let error as DataError:
      switch error {
      case .missingFile, .missingResource: self.init("\(error)", status: .noInput)
      case .unreadableFile: self.init("\(error)", status: .noInput)
      case .invalidArgument: self.init("\(error)", status: .usage)
      case .unwritableFile: self.init("\(error)", status: .ioError)
      case .unavailableLibrary: self.init("\(error)", status: .unavailable)
      default: self.init("\(error)", status: .dataError)
      }
    case let error as NetworkError:
      self.init("\(error)", status: .dataError)
    case let error as KernelSelectionError:
      self.init(error.message, status: .configuration)
    case let error as ONNXExportError:
      self.init("\(error)", status: .usage)
    case let error as WeightImportError:
      switch error {
      case .unreadableArchive: self.init("\(error)", status: .noInput)
      default: self.init("\(error)", status: .dataError)
      }
    case let error as DistributedError:
      switch error {
      case .mismatch, .batchTooSmall: self.init("\(error)", status: .usage)
      case .unavailable: self.init("\(error)", status: .unavailable)
      case .communication: self.init("\(error)", status: .ioError)
      }
    case let error as ModelFileError:
      switch error {
      case .missing, .unreadable: self.init("\(error)", status: .noInput)
      case .invalidContent: self.init("\(error)", status: .dataError)
      case .unwritable: self.init("\(error)", status: .ioError)
      }
    default:
      self.init("\(error)", status: .software)
    }
  }
}
