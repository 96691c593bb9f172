import NNCore

/// The `gemm` workload of `gemm.py --lib numpy --dtypes float64` (or `float32` with `--dtype float32`): the rate of
/// square `dgemm` (or `sgemm`) products through ``Matrix/multiply(_:transposeA:_:transposeB:alpha:beta:into:)`` at
/// 1024² and 2048², standard-normal factors.
public enum GemmWorkload {
  /// The matrix sizes.
  public static let sizes = [1024, 2048]

  /// Two standard-normal `size × size` factors and a result matrix, in `elementType`.
  public static func operands(size: Int, random: RandomSource, elementType: ElementType = .float64) -> (
    Matrix, Matrix, Matrix
  ) {
    var left = Matrix(rows: size, columns: size)
    var right = Matrix(rows: size, columns: size)
    left.withUnsafeMutableBufferPointer { buffer in for index in buffer.indices { buffer[index] = random.normal() } }
    right.withUnsafeMutableBufferPointer { buffer in for index in buffer.indices { buffer[index] = random.normal() } }
    return (
      left.converted(to: elementType), right.converted(to: elementType),
      Matrix(rows: size, columns: size, elementType: elementType)
    )
  }

  /// The reference run: one untimed product, then `options.repetitions` (7 by default) timed ones per size.
  public static func run(_ options: WorkloadOptions) throws -> JSONLine {
    let repetitions = options.positive(options.repetitions, or: 7)
    let random = RandomSource(seed: options.seed)
    var results: [JSONValue] = []
    for size in sizes {
      var (left, right, product) = operands(size: size, random: random, elementType: options.elementType)
      Matrix.multiply(left, right, into: &product)
      var seconds: [Double] = []
      for _ in 0..<repetitions {
        let stopwatch = Stopwatch()
        Matrix.multiply(left, right, into: &product)
        seconds.append(stopwatch.wallSeconds)
      }
      seconds.sort()
      let flops = 2 * Double(size) * Double(size) * Double(size)
      var result = JSONLine()
      result["n"] = .integer(size)
      result["dtype"] = .string(options.elementType.rawValue)
      result["threads"] = .integer(options.threads)
      result["best_s"] = .number(seconds[0])
      result["gflops_best"] = .number(flops / seconds[0] / 1e9)
      result["gflops_median"] = .number(flops / seconds[seconds.count / 2] / 1e9)
      result["gflops_worst"] = .number(flops / seconds[seconds.count - 1] / 1e9)
      results.append(.object(result))
    }
    var line = JSONLine()
    line["workload"] = .string("gemm")
    line["impl"] = .string("nn")
    line["reps"] = .integer(repetitions)
    line["results"] = .array(results)
    line["blas"] = .string(BLAS.configuration)
    return line
  }
}
