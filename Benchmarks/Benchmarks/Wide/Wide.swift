import Benchmark
import NNCore
import Workloads

/// One training step of the `wide` workload (784-512-512-10 ReLU, softmax cross-entropy, batch 256), after
/// warm-up: its time, its samples per second and its allocations.
let benchmarks: @Sendable () -> Void = {
  // Only these metrics: others add allocations of their own to every sample.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(3))
  Benchmark("wide training step") { (benchmark: Benchmark, training: ReLUNetworkTraining) throws in
    for _ in benchmark.scaledIterations { blackHole(try training.step()) }
  } setup: {
    BLAS.setThreadCount(1)
    return try WideWorkload.training(seed: 0)
  }
}
