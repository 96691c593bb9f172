/// An elementwise activation and its derivative over whole lane buffers.
///
/// These loops are kept in functions of their own, apart from the large unrolled product kernels, so that
/// the compiler inlines the activation's `SIMD8` code (and ``VectorMath/exp(_:)-(SIMD8<Double>)``) into them.
enum FusedActivationPass {
  /// `y[i] = f(z[i])` for `i < count`, four vectors at a time through the activation's interleaved form
  /// (``ElementwiseActivation/value(_:)-(VectorMath.Lanes<count>)``), the remainder one by one.
  ///
  /// - Parameters:
  ///   - activation: `f`.
  ///   - input: `z`.
  ///   - output: Receives `y`; may be `input` (each vector is read before it is written).
  ///   - count: The number of lane vectors.
  @inline(never)
  static func apply<Activation: ElementwiseActivation>(
    _ activation: Activation, _ input: UnsafePointer<LaneVector>, to output: UnsafeMutablePointer<LaneVector>,
    count: Int
  ) {
    var index = 0
    while count &- index >= 4 {
      let first = index
      let values = activation.value(VectorMath.Lanes<4> { input[first &+ $0] })
      for offset in 0..<4 { output[first &+ offset] = values[offset] }
      index &+= 4
    }
    while index < count {
      output[index] = activation.value(input[index])
      index &+= 1
    }
  }

  /// `g[i] = u[i] · f′(z[i], y[i])` for `i < count`: the activation's backward pass (`target` may be `upstream`).
  ///
  /// - Parameters:
  ///   - activation: `f`.
  ///   - upstream: `u = ∂L/∂y`.
  ///   - input: `z`, the activation's input.
  ///   - output: `y = f(z)`.
  ///   - target: Receives `g = ∂L/∂z`.
  ///   - count: The number of lane vectors.
  @inline(never)
  static func multiplyByDerivative<Activation: ElementwiseActivation>(
    _ activation: Activation, _ upstream: UnsafePointer<LaneVector>, input: UnsafePointer<LaneVector>,
    output: UnsafePointer<LaneVector>, into target: UnsafeMutablePointer<LaneVector>, count: Int
  ) {
    for index in 0..<count {
      target[index] = upstream[index] * activation.derivative(input: input[index], output: output[index])
    }
  }
}
