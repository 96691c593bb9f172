import Foundation
import NNCore

/// The logarithm of the softmax of each row, computed stably.
///
/// ```
/// yⱼ = xⱼ − log Σₖ e^(xₖ)        ∂L/∂xⱼ = ∂L/∂yⱼ − softmax(x)ⱼ · Σₖ ∂L/∂yₖ        range (−∞, 0]
/// ```
public struct LogSoftmax: Activation {
  /// The log-softmax.
  public init() {}

  /// `log_softmax`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "log_softmax") }

  /// `xⱼ − log Σₖ e^(xₖ)`, row by row.
  public func forward(_ input: Matrix, into output: inout Matrix) {
    input.requireSameShape(as: output, "log_softmax forward")
    let width = input.columns
    input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        var offset = 0
        while offset < source.count {
          let logSum = Softmax.row(source, target, offset: offset, width: width)
          for column in 0..<width { target[offset + column] = source[offset + column] - logSum }
          offset += width
        }
      }
    }
  }

  /// `∂L/∂xⱼ = ∂L/∂yⱼ − e^(yⱼ) · Σₖ ∂L/∂yₖ`, row by row (`e^(yⱼ)` is the softmax).
  public func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    output.requireSameShape(as: outputGradient, "log_softmax backward")
    output.requireSameShape(as: inputGradient, "log_softmax backward")
    let width = output.columns
    output.withUnsafeBufferPointer { y in
      outputGradient.withUnsafeBufferPointer { upstream in
        inputGradient.withUnsafeMutableBufferPointer { target in
          var offset = 0
          while offset < y.count {
            var total = 0.0
            for column in 0..<width { total += upstream[offset + column] }
            for column in 0..<width {
              target[offset + column] = upstream[offset + column] - exp(y[offset + column]) * total
            }
            offset += width
          }
        }
      }
    }
  }
}
