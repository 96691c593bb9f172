import Benchmark
import NNCore
import Workloads

/// One training step of the `iris` workload (4-12-6-3 sigmoid, batch 64 drawn with replacement), after warm-up:
/// its time, its samples per second and its allocations.
let benchmarks: @Sendable () -> Void = {
  // Only these metrics: others add allocations of their own to every sample.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(3))
  Benchmark("iris training step") { (benchmark: Benchmark, workload: IrisWorkload) throws in
    for _ in benchmark.scaledIterations { blackHole(try workload.step()) }
  } setup: {
    BLAS.setThreadCount(1)
    return try IrisWorkload(seed: 0)
  }
}
