import CNNMPI
import NNTraining

extension CommunicatorFunctions {
  /// Open MPI's functions (`MPI_Allreduce`, `MPI_Bcast`, `MPI_Barrier` and `MPI_Abort` on `MPI_COMM_WORLD`),
  /// linked into this program.
  public static let openMPI = CommunicatorFunctions(
    start: nn_mpi_start, allreduceSum: nn_mpi_allreduce_sum, broadcast: nn_mpi_broadcast, barrier: nn_mpi_barrier,
    abort: nn_mpi_abort)
}

extension Communicator {
  /// The processes the MPI launcher started (`MPI_COMM_WORLD`; one process when run without a launcher).
  ///
  /// Starts MPI at the first call, with errors returned as `DistributedError` rather than ending
  /// the process, and ends it when the process exits.
  ///
  /// ```swift
  /// let world = try Communicator.world()
  /// var run = try TrainingRun(trainer: trainer, random: RandomSource(seed: 1), batchSize: 256)
  /// try run.fit(data, length: .epochs(10), across: world)
  /// if world.rank == 0 { try run.modelFile(seed: 1).write(path: "model.json") }
  /// ```
  ///
  /// - Throws: `DistributedError/communication(operation:rank:message:)` when MPI cannot start.
  public static func world() throws(DistributedError) -> Communicator {
    try Communicator(functions: .openMPI)
  }
}
