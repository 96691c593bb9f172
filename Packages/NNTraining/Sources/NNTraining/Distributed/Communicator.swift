import Foundation

/// A group of processes over a message-passing library's functions (``CommunicatorFunctions``): Open MPI's from
/// the NNDistributed package (`Communicator.world()` there), or one process alone (``singleProcess()``).
///
/// Errors come back as ``DistributedError/communication(operation:rank:message:)`` with the library's message.
/// Messages longer than a collective call takes at once (2³¹ − 1 elements) are sent in parts.
public final class Communicator: ProcessGroup, @unchecked Sendable {
  /// This process's rank.
  public let rank: Int
  /// The number of processes.
  public let size: Int
  /// The library's functions.
  private let functions: CommunicatorFunctions

  /// The most elements one call passes to the library (its counts are 32-bit).
  static let largestCall = Int(Int32.max)

  /// Joins the group that `functions` reach.
  ///
  /// - Parameter functions: The library's functions.
  /// - Throws: ``DistributedError/communication(operation:rank:message:)`` when the library cannot start.
  public init(functions: CommunicatorFunctions) throws(DistributedError) {
    self.functions = functions
    var rank: Int32 = 0
    var size: Int32 = 1
    let (status, message) = Self.calling { functions.start(&rank, &size, $0, $1) }
    guard status == 0 else { throw .communication(operation: "start", rank: 0, message: message) }
    self.rank = Int(rank)
    self.size = Int(size)
  }

  /// A group of this process alone: sums and broadcasts leave the values as they are.
  public static func singleProcess() -> Communicator {
    // The single-process functions cannot fail.
    try! Communicator(functions: .singleProcess)
  }

  /// Calls `body` with a buffer for the library's message; returns its status and the message.
  ///
  /// - Parameter body: The call, given the buffer and its capacity.
  private static func calling(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> (Int32, String) {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
      buffer[0] = 0
      let status = body(buffer.baseAddress!, buffer.count)
      buffer[buffer.count - 1] = 0
      return (status, status == 0 ? "" : String(cString: buffer.baseAddress!))
    }
  }

  /// Throws a communication error for `operation` unless `status` is 0.
  private func check(_ result: (Int32, String), _ operation: String) throws(DistributedError) {
    guard result.0 == 0 else { throw .communication(operation: operation, rank: rank, message: result.1) }
  }

  /// Sums `values` over every process, in place, in calls of at most 2³¹ − 1 values.
  ///
  /// - Parameter values: The values, as many on every process.
  public func allreduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws(DistributedError) {
    guard size > 1, let base = values.baseAddress else { return }
    var start = 0
    while start < values.count {
      let count = min(Self.largestCall, values.count - start)
      try check(Self.calling { functions.allreduceSum(base + start, count, $0, $1) }, "allreduce")
      start += count
    }
  }

  /// Copies process `root`'s bytes to every process, in calls of at most 2³¹ − 1 bytes.
  ///
  /// - Parameters:
  ///   - bytes: Read on `root`, written on the others.
  ///   - root: The sending process.
  public func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError) {
    guard size > 1, let base = bytes.baseAddress else { return }
    var start = 0
    while start < bytes.count {
      let count = min(Self.largestCall, bytes.count - start)
      try check(Self.calling { functions.broadcast(base + start, count, Int32(root), $0, $1) }, "broadcast")
      start += count
    }
  }

  /// Waits for every process.
  public func barrier() throws(DistributedError) {
    guard size > 1 else { return }
    try check(Self.calling { functions.barrier($0, $1) }, "barrier")
  }

  /// Ends every process with `status`.
  ///
  /// - Parameter status: The exit status.
  public func abort(status: Int32) -> Never {
    functions.abort(status)
    exit(status)
  }
}
