import Foundation
import NNCore
import Workloads

/// `nn-bench WORKLOAD [--seed N] [--threads N] [--iters N] [--epochs N] [--seeds N] [--reps N] [--batch N]`: runs one
/// workload of the reference scripts and prints one JSON line with their field names.
let usage = """
  usage: nn-bench iris|sphere|digits|wide|gemm [--seed N] [--threads N] [--iters N] [--epochs N] [--seeds N] \
  [--reps N] [--batch N] [--dtype float64|float32]
  """

let stopwatch = Stopwatch()
let loadAtStart = RunEnvironment.loadAverage

/// Prints `message` on standard error and exits with `status`.
func fail(_ message: String, status: Int32) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(status)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let workload = arguments.first, !workload.hasPrefix("-") else { fail(usage, status: 64) }
arguments.removeFirst()
let tracedWorkload = workload == "trace" && !arguments.isEmpty ? arguments.removeFirst() : nil
var options = WorkloadOptions()
while !arguments.isEmpty {
  let flag = arguments.removeFirst()
  if flag == "--dtype" {
    guard !arguments.isEmpty, let type = ElementType(named: arguments.removeFirst()) else {
      fail("nn-bench: --dtype needs float64 or float32\n\(usage)", status: 64)
    }
    options.elementType = type
    continue
  }
  guard !arguments.isEmpty, let value = Int(arguments.removeFirst()), value >= 0 else {
    fail("nn-bench: \(flag) needs a non-negative integer\n\(usage)", status: 64)
  }
  switch flag {
  case "--seed": options.seed = UInt64(value)
  case "--threads": options.threads = value
  case "--iters": options.iterations = value
  case "--epochs": options.epochs = value
  case "--seeds": options.problems = value
  case "--reps": options.repetitions = value
  case "--batch": options.batchSize = value
  default: fail("nn-bench: unknown flag \(flag)\n\(usage)", status: 64)
  }
}
if options.threads > 0 { BLAS.setThreadCount(options.threads) }
do {
  try KernelInstructionSet.checkEnvironment()
} catch {
  fail("nn-bench: \(error)", status: 78)
}

do {
  var line: JSONLine
  if let tracedWorkload {
    let steps = options.positive(options.iterations, or: 1000)
    print(try FidelityTrace.record(workload: tracedWorkload, seed: options.seed, steps: steps).encoded)
    exit(0)
  }
  // A two-thread figure depends on how far apart the system placed the threads' cores (CoreRoundTrip).
  let roundTripAtStart = options.threads > 1 ? CoreRoundTrip.nanoseconds() : nil
  switch workload {
  case "iris": line = try IrisWorkload.run(options)
  case "sphere": line = try SphereWorkload.run(options)
  case "digits": line = try DigitsWorkload.run(options)
  case "wide": line = try WideWorkload.run(options)
  case "gemm": line = try GemmWorkload.run(options)
  default: fail("nn-bench: unknown workload '\(workload)'\n\(usage)", status: 64)
  }
  RunEnvironment.complete(
    &line, wallSeconds: stopwatch.wallSeconds, loadAtStart: loadAtStart, roundTripAtStart: roundTripAtStart)
  print(line.encoded)
} catch let error as BenchmarkDataError {
  fail("nn-bench: \(error)", status: 66)
} catch {
  fail("nn-bench: \(error)", status: 70)
}
