import NNCore
import NNLayers

/// Why training across processes failed.
public enum DistributedError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A message-passing operation failed on this process.
  ///
  /// - Parameters:
  ///   - operation: The operation (`allreduce`, `broadcast`, …).
  ///   - rank: The process that reports it.
  ///   - message: The library's message.
  case communication(operation: String, rank: Int, message: String)
  /// Some processes do not train the same thing as process 0: each entry names a process and what differs.
  case mismatch([Difference])
  /// The global batch has fewer rows than there are processes, so some process would have no share.
  case batchTooSmall(batchSize: Int, processes: Int)
  /// Training across processes cannot start here.
  case unavailable(String)

  /// What one process has that differs from process 0.
  public struct Difference: Equatable, Sendable {
    /// The process.
    public let rank: Int
    /// What differs, in words ("the batch size", "the training data").
    public let what: [String]

    /// A difference.
    ///
    /// - Parameters:
    ///   - rank: The process.
    ///   - what: What differs.
    public init(rank: Int, what: [String]) {
      self.rank = rank
      self.what = what
    }
  }

  /// The error in words, naming the processes.
  public var description: String {
    switch self {
    case .communication(let operation, let rank, let message):
      return "rank \(rank): \(operation) failed: \(message)"
    case .mismatch(let differences):
      let parts = differences.map { "rank \($0.rank) differs from rank 0 in \($0.what.joined(separator: ", "))" }
      return parts.joined(separator: "; ")
        + "; every process must train the same network on the same data with the same settings"
    case .batchTooSmall(let batchSize, let processes):
      return "the batch size \(batchSize) is smaller than the \(processes) processes: each process takes a share "
        + "of every batch; give a batch size of at least \(processes)"
    case .unavailable(let reason):
      return reason
    }
  }

  /// Whether every process training together meets `error` alike, so that each can stop with it and none need
  /// end the others: a difference between the processes or a batch too small for them (found on all at once),
  /// and errors of the settings, components, network and training (``TrainingError``, `ComponentError`,
  /// `NetworkError`), which identical processes meet identically. Errors of one process alone (a file it cannot
  /// read, a failed message) are not.
  ///
  /// - Parameter error: The error.
  public static func isMetByEveryProcess(_ error: any Error) -> Bool {
    switch error {
    case let error as DistributedError:
      switch error {
      case .mismatch, .batchTooSmall: return true
      case .communication, .unavailable: return false
      }
    case is TrainingError, is NetworkError, is ComponentError: return true
    default: return false
    }
  }
}
