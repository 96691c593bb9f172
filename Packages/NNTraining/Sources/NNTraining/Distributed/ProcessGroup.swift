/// The processes that train one network together, each on its share of every batch (data parallelism): what a
/// fit across processes needs of the message-passing layer underneath.
///
/// ``Communicator`` is one, over the functions of a message-passing library (Open MPI's, from the NNDistributed
/// package). Every process of the group must call each method in the same order (they are collective); a
/// method that fails throws ``DistributedError`` naming the operation.
public protocol ProcessGroup: AnyObject {
  /// This process's number, `0..<size`; process 0 decides and writes for the group.
  var rank: Int { get }
  /// The number of processes.
  var size: Int { get }

  /// Replaces `values` on every process by their sums over all processes: `vᵢ ← Σₚ vᵢ⁽ᵖ⁾`; every process
  /// receives the same sums.
  ///
  /// - Parameter values: The values, as many on every process.
  func allreduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws(DistributedError)

  /// Copies process `root`'s `bytes` to every other process.
  ///
  /// - Parameters:
  ///   - bytes: Read on `root`, written on the others; as many bytes on every process.
  ///   - root: The process that sends.
  func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws(DistributedError)

  /// Returns once every process has called it.
  func barrier() throws(DistributedError)

  /// Ends every process of the group at once with `status` (`MPI_Abort`), for an error on one process that the
  /// others cannot know of, so that none waits forever in a collective call.
  ///
  /// - Parameter status: The exit status.
  func abort(status: Int32) -> Never
}
