import Benchmark
import NNCore
import Workloads

/// One training step of the `digits` workload (64-128-64-10 ReLU, softmax cross-entropy, momentum, batch 32 of
/// shuffled epochs), after warm-up: its time, its samples per second and its allocations. Fails with a message
/// naming `NN_BENCH_DATA` when the digits files are missing.
let benchmarks: @Sendable () -> Void = {
  // Only these metrics: others add allocations of their own to every sample.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(3))
  Benchmark("digits training step") { (benchmark: Benchmark, training: ReLUNetworkTraining) throws in
    for _ in benchmark.scaledIterations { blackHole(try training.step()) }
  } setup: {
    BLAS.setThreadCount(1)
    return try DigitsWorkload.training(seed: 0).training
  }
}
