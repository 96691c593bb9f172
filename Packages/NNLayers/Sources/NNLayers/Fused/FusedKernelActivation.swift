import CNNKernels

/// The code of an activation whose passes the C kernels compute, with its parameter.
struct FusedKernelActivation {
  /// The ``NNKernelActivation`` value.
  let code: Int32
  /// The slope of a leaky rectifier, the `β` of swish, or zero.
  let parameter: Double

  /// Whether the activation is the identity.
  var isIdentity: Bool { code == Int32(NNKernelActivationIdentity.rawValue) }

  /// The code of `activation`, or `nil` when its passes run in Swift (a user's own, or a built-in one whose
  /// eight-lane form is the scalar function lane by lane).
  ///
  /// - Parameter activation: The activation.
  init?(_ activation: any ElementwiseActivation) {
    switch activation {
    case is Identity: (code, parameter) = (Int32(NNKernelActivationIdentity.rawValue), 0)
    case is Sigmoid: (code, parameter) = (Int32(NNKernelActivationSigmoid.rawValue), 0)
    case is Tanh: (code, parameter) = (Int32(NNKernelActivationTanh.rawValue), 0)
    case is ReLU: (code, parameter) = (Int32(NNKernelActivationRectifier.rawValue), 0)
    case let leaky as LeakyReLU:
      (code, parameter) = (Int32(NNKernelActivationLeakyRectifier.rawValue), leaky.negativeSlope)
    case let swish as Swish: (code, parameter) = (Int32(NNKernelActivationSwish.rawValue), swish.beta)
    default: return nil
    }
  }
}
