import Foundation
@_spi(Internals) import NNCore
import NNTraining

/// The message-passing functions `nn train --distributed` loads while it runs, from the shared library the
/// NNDistributed package builds over Open MPI (`make distributed`): the tool itself never links MPI.
enum DistributedRuntime {
  /// The library's file name.
  static let libraryName = "libNNDistributedRuntime.so"
  /// The environment variable naming the library's path, which takes precedence.
  static let pathVariable = "NN_DISTRIBUTED_LIBRARY"

  /// Where the library is looked for, in order: ``pathVariable``, beside the `nn` executable, then the dynamic
  /// loader's own search path.
  static var candidates: [String] {
    var names: [String] = []
    if let path = ProcessInfo.processInfo.environment[pathVariable], !path.isEmpty { names.append(path) }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    names.append(executable.deletingLastPathComponent().appendingPathComponent(libraryName).path)
    names.append(libraryName)
    return names
  }

  /// Loads the library and joins the processes `mpirun` started.
  ///
  /// - Throws: ``DistributedError/unavailable(_:)`` naming the library and how to build it, or what starting MPI
  ///   reports.
  static func communicator() throws -> Communicator {
    let library: SharedLibrary
    switch SharedLibrary.open(firstOf: candidates) {
    case .success(let opened): library = opened
    case .failure(let error):
      throw DistributedError.unavailable(
        "--distributed needs \(libraryName), built over Open MPI by `make distributed` (which installs "
          + "libopenmpi-dev and openmpi-bin) beside nn, or named by \(pathVariable): \(error.reason)")
    }
    guard
      let start = library.function("nn_mpi_start", as: CommunicatorFunctions.Start.self),
      let allreduce = library.function("nn_mpi_allreduce_sum", as: CommunicatorFunctions.AllreduceSum.self),
      let broadcast = library.function("nn_mpi_broadcast", as: CommunicatorFunctions.Broadcast.self),
      let barrier = library.function("nn_mpi_barrier", as: CommunicatorFunctions.Barrier.self),
      let abort = library.function("nn_mpi_abort", as: CommunicatorFunctions.Abort.self)
    else {
      throw DistributedError.unavailable(
        "\(libraryName) lacks the nn_mpi_ functions: rebuild it with `make distributed`")
    }
    return try Communicator(
      functions: CommunicatorFunctions(
        start: start, allreduceSum: allreduce, broadcast: broadcast, barrier: barrier, abort: abort))
  }
}
