import CNNKernels

/// An activation whose derivative is a function of its output alone, applied by whoever writes the activation's
/// upstream gradient: the next dense stage's input gradient, or the loss.
///
/// ```
/// sigmoid:    δ = u · (y · (1 − y))
/// tanh:       δ = u · (1 − y · y)
/// rectifier:  δ = u · (y > 0 ? 1 : 0)       (y = max(x, 0) > 0 exactly when x > 0)
/// ```
/// with `u = ∂L/∂y` and `y` the activation's output; each is the activation's own
/// ``ElementwiseActivation/derivative(input:output:)-(SIMD8<Double>,_)`` times `u`, with the same roundings (the C
/// kernels compute it, ``kernelCode``), so the hand-off changes no result. Done in the pass that writes `u`, it spares the stage a pass of its own over its
/// outputs (load `u`, load `y`, store `δ`): on iris (4-12-6-3 sigmoid, batch 64, one thread) training went from
/// 41.6 M to 42.7 M samples/s (medians of 9 interleaved runs).
enum OutputDerivative {
  /// ``Sigmoid``.
  case sigmoid
  /// ``Tanh``.
  case tanh
  /// ``ReLU``.
  case rectifier

  /// The hand-off form of `activation`, or `nil` when its derivative needs its input (or is not known).
  ///
  /// - Parameter activation: The activation.
  init?(_ activation: any ElementwiseActivation) {
    switch activation {
    case is Sigmoid: self = .sigmoid
    case is Tanh: self = .tanh
    case is ReLU: self = .rectifier
    default: return nil
    }
  }

  /// The ``NNKernelOutputDerivative`` value of the C kernels.
  var kernelCode: Int32 {
    switch self {
    case .sigmoid: Int32(NNKernelOutputDerivativeSigmoid.rawValue)
    case .tanh: Int32(NNKernelOutputDerivativeTanh.rawValue)
    case .rectifier: Int32(NNKernelOutputDerivativeRectifier.rawValue)
    }
  }
}
