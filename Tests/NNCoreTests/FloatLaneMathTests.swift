import CNNKernels
import Foundation
@_spi(Internals) import NNCore
import Testing

/// The float32 kernels' vectorised exponential, logistic function and tanh against `Double` references rounded to
/// `Float`, in units in the last place (ulp) of the rounded reference, on every instruction set this CPU runs.
@Suite("Float32 lane math")
struct FloatLaneMathTests {
  /// How far `value` is from `reference`, in ulps of `Float(reference)` (of the smallest subnormal at zero);
  /// infinities, zeros of either sign and NaN must match exactly (else the distance is infinite).
  static func ulps(_ value: Float, _ reference: Double) -> Double {
    let rounded = Float(reference)
    if reference.isNaN { return value.isNaN ? 0 : .infinity }
    if rounded.isInfinite || value.isInfinite { return value == rounded ? 0 : .infinity }
    let unit = rounded == 0 ? Double(Float.leastNonzeroMagnitude) : Double(rounded.ulp)
    return abs(Double(value) - reference) / unit
  }

  /// `count` points evenly spread over `range`, then the `extra` points.
  static func points(_ range: ClosedRange<Double>, count: Int, extra: [Float]) -> [Float] {
    let step = (range.upperBound - range.lowerBound) / Double(count - 1)
    return (0..<count).map { Float(range.lowerBound + Double($0) * step) } + extra
  }

  /// Runs `body` over the lane vectors of `values` (padded to a whole vector) on `kernels` and returns the results.
  static func evaluate(
    _ values: [Float], _ body: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void
  ) -> [Float] {
    let count = (values.count + 15) / 16
    var input = values + [Float](repeating: 0, count: count * 16 - values.count)
    var output = [Float](repeating: 0, count: count * 16)
    input.withUnsafeMutableBytes { source in
      output.withUnsafeMutableBytes { target in body(source.baseAddress!, target.baseAddress!, count) }
    }
    return Array(output[..<values.count])
  }

  /// The largest distance in ulps between `function` on the lanes and `reference` over `values`.
  static func worst(
    _ values: [Float], reference: (Double) -> Double,
    function: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void
  ) -> (ulps: Double, at: Float) {
    let results = evaluate(values, function)
    var worst = (ulps: 0.0, at: Float.zero)
    for (value, result) in zip(values, results) {
      let distance = ulps(result, reference(Double(value)))
      if distance > worst.ulps || distance.isNaN { worst = (distance, value) }
    }
    return worst
  }

  /// Edge arguments for every function: zeros, the smallest subnormal, tiny and huge values, infinities, NaN.
  static let edges: [Float] = [
    0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude, 1e-30,
    -1e-30, 1e-7, -1e-7, 0x1p-12, -0x1p-12, 0.5, -0.5, 1, -1, 88.72283, 88.722839, 88.72284, 89, 100, -87.33654,
    -87.33655, -103.2789, -103.9720, -103.9721, -104, -150, 1e30, -1e30, .greatestFiniteMagnitude,
    -.greatestFiniteMagnitude, .infinity, -.infinity, .nan,
  ]

  @Test("exp is within 1 ulp of float32 over [-104, 89], with overflow, underflow and NaN")
  func exponential() {
    let values = Self.points(-104...89, count: 400_000, extra: Self.edges)
    for kernels in KernelTable.runnable {
      let result = Self.worst(
        values, reference: { Foundation.exp($0) }, function: { kernels.floatTable.pointee.exponential($0, $1, $2) })
      #expect(result.ulps <= 1, "\(kernels.name): \(result.ulps) ulp at \(result.at)")
    }
  }

  @Test(
    "the logistic function is within 2 ulp of float32 over [-110, 110] (1.5 ulp for x >= 0), with large |x|, zeros and NaN"
  )
  func logistic() {
    let values =
      Self.points(-110...110, count: 400_000, extra: Self.edges)
      + Self.points(-2...2, count: 400_000, extra: [-0.0003449918, 0.00059759646])
    let code = Int32(NNKernelActivationSigmoid.rawValue)
    for kernels in KernelTable.runnable {
      let function: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void = {
        kernels.floatTable.pointee.activationForward(code, 0, $0, $1, $2)
      }
      let reference: (Double) -> Double = { 1 / (1 + Foundation.exp(-$0)) }
      let result = Self.worst(values, reference: reference, function: function)
      let upper = Self.worst(values.filter { $0 >= 0 }, reference: reference, function: function)
      // Measured over every float of [-104, 104]: 1.9991 ulp at -0.0003449918 (results just below 0.5, whose ulp is
      // half that of the denominator's), and for x >= 0 (one minus the lower half) 1.4989 ulp at 0.00059759646, on
      // every table.
      #expect(result.ulps <= 2, "\(kernels.name): \(result.ulps) ulp at \(result.at)")
      #expect(upper.ulps <= 1.5, "\(kernels.name), x >= 0: \(upper.ulps) ulp at \(upper.at)")
    }
  }

  @Test("tanh is within 1.01 ulp of float32 (1.25 without fused multiply-adds) over [-12, 12], densely near 0.9")
  func hyperbolicTangent() {
    let tiny = (0..<2_000).map { Float(Double($0 + 1) * 1e-6) }
    let values =
      Self.points(-12...12, count: 400_000, extra: Self.edges + tiny + tiny.map { -$0 })
      + Self.points(-1.2...1.2, count: 400_000, extra: [0.903210282, -0.903210282, 0.902134597])
    let code = Int32(NNKernelActivationTanh.rawValue)
    for kernels in KernelTable.runnable {
      let result = Self.worst(
        values, reference: { Foundation.tanh($0) },
        function: {
          kernels.floatTable.pointee.activationForward(code, 0, $0, $1, $2)
        })
      // Measured over every float of [0, 20]: 1.0064 ulp at 0.903210282 (1.2172 ulp at 0.902134597 without fused
      // multiply-adds), just above 0.9, where 1 - q takes over from the polynomial.
      let bound = kernels.roundsProducts ? 1.25 : 1.01
      #expect(result.ulps <= bound, "\(kernels.name): \(result.ulps) ulp at \(result.at)")
    }
  }

  @Test("signs of zero and NaN pass through as the float64 functions pass them")
  func specialValues() {
    for kernels in KernelTable.runnable {
      let table = kernels.floatTable.pointee
      let tanh = Self.evaluate([0, -0.0, .nan, .infinity, -.infinity]) {
        table.activationForward(Int32(NNKernelActivationTanh.rawValue), 0, $0, $1, $2)
      }
      #expect(tanh[0] == 0 && tanh[0].sign == .plus)
      #expect(tanh[1] == 0 && tanh[1].sign == .minus)
      #expect(tanh[2].isNaN)
      #expect(tanh[3] == 1 && tanh[4] == -1)
      let logistic = Self.evaluate([-0.0, .nan, .infinity, -.infinity]) {
        table.activationForward(Int32(NNKernelActivationSigmoid.rawValue), 0, $0, $1, $2)
      }
      #expect(logistic[0] == 0.5)
      #expect(logistic[1].isNaN)
      #expect(logistic[2] == 1 && logistic[3] == 0)
      let exponential = Self.evaluate([-0.0, .nan, .infinity, -.infinity]) { table.exponential($0, $1, $2) }
      #expect(exponential[0] == 1)
      #expect(exponential[1].isNaN)
      #expect(exponential[2] == .infinity && exponential[3] == 0)
    }
  }
}
