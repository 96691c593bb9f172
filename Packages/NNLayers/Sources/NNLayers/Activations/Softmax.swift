import Foundation
import NNCore

/// The softmax of each row: turns scores into probabilities that sum to one.
///
/// ```
/// softmax(x)ⱼ = e^(xⱼ − m) / Σₖ e^(xₖ − m),   m = maxₖ xₖ        range (0, 1), rows sum to 1
/// ```
/// Subtracting the row maximum changes nothing mathematically and keeps `e^` from overflowing.
/// Backward is the vector–Jacobian product `∂L/∂xⱼ = yⱼ · (∂L/∂yⱼ − Σₖ ∂L/∂yₖ · yₖ)`.
/// For classification, prefer ending the network in softmax and training with `softmax_cross_entropy`,
/// which fuses both for stability.
public struct Softmax: Activation {
  /// The softmax.
  public init() {}

  /// `softmax`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "softmax") }

  /// Writes each row's softmax into `output`.
  public func forward(_ input: Matrix, into output: inout Matrix) {
    input.requireSameShape(as: output, "softmax forward")
    let width = input.columns
    input.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        var offset = 0
        while offset < source.count {
          Softmax.row(source, target, offset: offset, width: width)
          offset += width
        }
      }
    }
  }

  /// `∂L/∂xⱼ = yⱼ · (∂L/∂yⱼ − Σₖ ∂L/∂yₖ · yₖ)`, row by row.
  public func backward(input: Matrix, output: Matrix, outputGradient: Matrix, into inputGradient: inout Matrix) {
    output.requireSameShape(as: outputGradient, "softmax backward")
    output.requireSameShape(as: inputGradient, "softmax backward")
    let width = output.columns
    output.withUnsafeBufferPointer { y in
      outputGradient.withUnsafeBufferPointer { upstream in
        inputGradient.withUnsafeMutableBufferPointer { target in
          var offset = 0
          while offset < y.count {
            var dot = 0.0
            for column in 0..<width { dot += upstream[offset + column] * y[offset + column] }
            for column in 0..<width {
              target[offset + column] = y[offset + column] * (upstream[offset + column] - dot)
            }
            offset += width
          }
        }
      }
    }
  }

  /// The softmax of one row of `width` elements starting at `offset`; returns `log Σₖ e^(xₖ)`.
  @discardableResult
  @inlinable static func row(
    _ source: UnsafeBufferPointer<Double>, _ target: UnsafeMutableBufferPointer<Double>, offset: Int, width: Int
  ) -> Double {
    var maximum = -Double.infinity
    for column in 0..<width { maximum = max(maximum, source[offset + column]) }
    var total = 0.0
    for column in 0..<width {
      let value = VectorMath.exp(source[offset + column] - maximum)
      target[offset + column] = value
      total += value
    }
    for column in 0..<width { target[offset + column] /= total }
    return maximum + log(total)
  }
}
