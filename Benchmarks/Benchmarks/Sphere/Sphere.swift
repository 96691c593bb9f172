import Benchmark
import NNCore
import Workloads

/// One training step of the `sphere` workload (3-3-2-1 sigmoid, batch 128 drawn with replacement), after
/// warm-up: its time, its samples per second and its allocations.
let benchmarks: @Sendable () -> Void = {
  // Only these metrics: others add allocations of their own to every sample.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(3))
  Benchmark("sphere training step") { (benchmark: Benchmark, workload: SphereWorkload) throws in
    for _ in benchmark.scaledIterations { blackHole(try workload.step()) }
  } setup: {
    BLAS.setThreadCount(1)
    return try SphereWorkload(seed: 0)
  }
}
