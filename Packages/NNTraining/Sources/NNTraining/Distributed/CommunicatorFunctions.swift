import Foundation

/// The C functions of a message-passing library that a ``Communicator`` calls: NNDistributed's, over Open MPI
/// (`nn_mpi_start`, `nn_mpi_allreduce_sum`, …), linked into a Swift program or loaded by `nn train
/// --distributed`.
///
/// Each function but ``abort`` returns 0, or an error code with the library's message written into the given
/// buffer (at most the given capacity, terminated by a zero byte).
public struct CommunicatorFunctions: @unchecked Sendable {
  /// Joins the process group (once per process; later calls only report): writes this process's rank and the
  /// number of processes.
  public typealias Start =
    @convention(c) (
      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<CChar>?, Int
    ) -> Int32
  /// Sums `count` doubles over every process, in place.
  public typealias AllreduceSum =
    @convention(c) (
      UnsafeMutablePointer<Double>?, Int, UnsafeMutablePointer<CChar>?, Int
    ) -> Int32
  /// Copies `count` bytes from process `root` to every process.
  public typealias Broadcast =
    @convention(c) (
      UnsafeMutableRawPointer?, Int, Int32, UnsafeMutablePointer<CChar>?, Int
    ) -> Int32
  /// Waits for every process.
  public typealias Barrier = @convention(c) (UnsafeMutablePointer<CChar>?, Int) -> Int32
  /// Ends every process with the given status.
  public typealias Abort = @convention(c) (Int32) -> Void

  /// `nn_mpi_start`.
  public var start: Start
  /// `nn_mpi_allreduce_sum`.
  public var allreduceSum: AllreduceSum
  /// `nn_mpi_broadcast`.
  public var broadcast: Broadcast
  /// `nn_mpi_barrier`.
  public var barrier: Barrier
  /// `nn_mpi_abort`.
  public var abort: Abort

  /// The functions.
  ///
  /// - Parameters:
  ///   - start: Joins the group.
  ///   - allreduceSum: Sums doubles over the group, in place.
  ///   - broadcast: Copies bytes from one process to all.
  ///   - barrier: Waits for every process.
  ///   - abort: Ends every process.
  public init(start: Start, allreduceSum: AllreduceSum, broadcast: Broadcast, barrier: Barrier, abort: Abort) {
    self.start = start
    self.allreduceSum = allreduceSum
    self.broadcast = broadcast
    self.barrier = barrier
    self.abort = abort
  }

  /// The functions of a group of one process: nothing to sum or send.
  public static let singleProcess = CommunicatorFunctions(
    start: { rank, size, _, _ in
      rank?.pointee = 0
      size?.pointee = 1
      return 0
    },
    allreduceSum: { _, _, _, _ in 0 }, broadcast: { _, _, _, _, _ in 0 }, barrier: { _, _ in 0 },
    abort: { status in exit(status) })
}
