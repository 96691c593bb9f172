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
  // The same steps through the library's fit, 1,000 and 2,000 a fit: equal allocation counts show that a step
  // allocates nothing, the observer that does nothing included; the times show what the fit loop costs.
  for (steps, observed) in [(1000, false), (1000, true), (2000, true)] {
    let name = "iris fit of \(steps) steps" + (observed ? ", an observer that does nothing" : "")
    Benchmark(name, configuration: .init(scalingFactor: .one)) { (benchmark: Benchmark, workload: IrisFitWorkload) in
      for _ in benchmark.scaledIterations { blackHole(try workload.fit(steps: steps)) }
    } setup: {
      BLAS.setThreadCount(1)
      let workload = try IrisFitWorkload(seed: 0, observed: observed)
      try workload.fit(steps: 2000)
      return workload
    }
  }
}
