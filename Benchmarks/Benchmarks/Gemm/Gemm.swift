import Benchmark
import NNCore
import Workloads

/// The factors and the product of one size, kept in one place so that every sample writes the same product
/// matrix in place (a copy of it per sample would allocate).
final class GemmOperands {
  let left: Matrix
  let right: Matrix
  var product: Matrix

  init(size: Int) {
    (left, right, product) = GemmWorkload.operands(size: size, random: RandomSource(seed: 0))
  }
}

/// One square `dgemm` through `Matrix.multiply` at each of the `gemm` workload's sizes (1024² and 2048²),
/// single-threaded: its time and its allocations.
let benchmarks: @Sendable () -> Void = {
  // Only these metrics: others add allocations of their own to every sample.
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 1, maxDuration: .seconds(3),
    maxIterations: 50)
  for size in GemmWorkload.sizes {
    Benchmark("dgemm \(size)") { (benchmark: Benchmark, operands: GemmOperands) in
      for _ in benchmark.scaledIterations { Matrix.multiply(operands.left, operands.right, into: &operands.product) }
      blackHole(operands.product[0, 0])
    } setup: {
      BLAS.setThreadCount(1)
      return GemmOperands(size: size)
    }
  }
}
