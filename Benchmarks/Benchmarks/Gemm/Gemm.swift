import Benchmark
import NNCore
import Workloads

/// One square `dgemm` through `Matrix.multiply` at each of the `gemm` workload's sizes (1024² and 2048²),
/// single-threaded: its time and its allocations.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 1, maxDuration: .seconds(3),
    maxIterations: 50)
  for size in GemmWorkload.sizes {
    Benchmark("dgemm \(size)") { (benchmark: Benchmark, operands: (Matrix, Matrix, Matrix)) in
      var (left, right, product) = operands
      for _ in benchmark.scaledIterations { Matrix.multiply(left, right, into: &product) }
      blackHole(product)
      blackHole((left, right))
    } setup: {
      BLAS.setThreadCount(1)
      return GemmWorkload.operands(size: size, random: RandomSource(seed: 0))
    }
  }
}
