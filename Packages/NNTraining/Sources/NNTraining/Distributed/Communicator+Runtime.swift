import Foundation
@_spi(Internals) import NNCore

extension Communicator {
  /// The file name of the library NNDistributed builds over Open MPI for programs that do not link it
  /// (`make distributed` puts it beside `nn`).
  public static let runtimeLibraryName = "libNNDistributedRuntime.so"
  /// The environment variable naming the library's path, which takes precedence.
  public static let runtimePathVariable = "NN_DISTRIBUTED_LIBRARY"

  /// Joins the processes the MPI launcher started through the library NNDistributed builds, opened while the
  /// program runs (`dlopen`): what `nn train --distributed` does, so that the program itself never links MPI.
  ///
  /// The library is looked for where ``runtimePathVariable`` says, then beside the running executable, then on
  /// the dynamic loader's search path.
  ///
  /// - Throws: ``DistributedError/unavailable(_:)`` naming the library and how to build it, or what starting MPI
  ///   reports.
  public static func runtime() throws(DistributedError) -> Communicator {
    var names: [String] = []
    if let path = ProcessInfo.processInfo.environment[runtimePathVariable], !path.isEmpty { names.append(path) }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    names.append(executable.deletingLastPathComponent().appendingPathComponent(runtimeLibraryName).path)
    names.append(runtimeLibraryName)
    let library: SharedLibrary
    switch SharedLibrary.open(firstOf: names) {
    case .success(let opened): library = opened
    case .failure(let error):
      throw .unavailable(
        "--distributed needs \(runtimeLibraryName), built over Open MPI by `make distributed` (which installs "
          + "libopenmpi-dev and openmpi-bin) beside nn, or named by \(runtimePathVariable): \(error.reason)")
    }
    guard
      let start = library.function("nn_mpi_start", as: CommunicatorFunctions.Start.self),
      let allreduce = library.function("nn_mpi_allreduce_sum", as: CommunicatorFunctions.AllreduceSum.self),
      let broadcast = library.function("nn_mpi_broadcast", as: CommunicatorFunctions.Broadcast.self),
      let barrier = library.function("nn_mpi_barrier", as: CommunicatorFunctions.Barrier.self),
      let abort = library.function("nn_mpi_abort", as: CommunicatorFunctions.Abort.self)
    else {
      throw .unavailable("\(runtimeLibraryName) lacks the nn_mpi_ functions: rebuild it with `make distributed`")
    }
    return try Communicator(
      functions: CommunicatorFunctions(
        start: start, allreduceSum: allreduce, broadcast: broadcast, barrier: barrier, abort: abort))
  }
}
