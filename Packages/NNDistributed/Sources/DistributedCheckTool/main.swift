// Trains one fixed problem across the processes mpirun started, for the tests of NNDistributed: process 0
// writes the final parameters and every step's loss as JSON, so that a test compares them with one process's.
//
//   nn-distributed-check train OUTPUT [BATCH] [STEPS]   train; process 0 writes OUTPUT
//   nn-distributed-check single OUTPUT [BATCH] [STEPS]  the same training by the plain fit, in this process
//   nn-distributed-check mismatch                       process 1 gives another batch size
//   nn-distributed-check die                            process 1 is killed (SIGKILL) while training
//   nn-distributed-check wide [STEPS]                   the benchmarks' wide workload; process 0 prints a JSON line
import Foundation
import NNCore
import NNDistributed
import NNTraining

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(
    Data("usage: nn-distributed-check train|single OUTPUT [BATCH] [STEPS] | mismatch | die\n".utf8))
  exit(64)
}
do {
  let world = try Communicator.world()
  switch arguments[1] {
  case "train", "single":
    guard arguments.count >= 3 else { throw DistributedError.unavailable("\(arguments[1]) needs an output path") }
    let batch = arguments.count > 3 ? Int(arguments[3]) ?? 32 : 32
    let steps = arguments.count > 4 ? Int(arguments[4]) ?? 40 : 40
    var problem = try CheckProblem(batchSize: batch)
    let result = try problem.train(steps: steps, across: arguments[1] == "train" ? world : nil)
    if world.rank == 0 { try result.write(to: arguments[2]) }
  case "mismatch":
    var problem = try CheckProblem(batchSize: world.rank == 1 ? 16 : 32)
    _ = try problem.train(steps: 5, across: world)
  case "die":
    if world.rank == 1 { DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { _ = kill(getpid(), SIGKILL) } }
    var problem = try CheckProblem(batchSize: 32)
    _ = try problem.train(steps: 100_000_000, across: world)
  case "wide":
    let line = try WideMeasurement.run(steps: arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20, across: world)
    if world.rank == 0 { print(line) }
  default:
    throw DistributedError.unavailable("unknown mode \(arguments[1])")
  }
} catch {
  FileHandle.standardError.write(Data("nn-distributed-check: error: \(error)\n".utf8))
  exit(64)
}
