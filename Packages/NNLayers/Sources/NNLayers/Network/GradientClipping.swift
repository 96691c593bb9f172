import NNCore

/// A limit on the gradients applied before each optimizer step, against exploding gradients.
///
/// ```
/// norm(c):   ‖g‖ = √(Σ over every parameter matrix and element of g²);  g ← g · c / (‖g‖ + 10⁻⁶) when that is < 1
/// value(c):  g ← min(max(g, −c), c) element by element
/// ```
/// As PyTorch's `clip_grad_norm_` (one norm over all parameters together) and `clip_grad_value_`.
public enum GradientClipping: Sendable, Hashable, Codable {
  /// Rescales all gradients together so that their joint Euclidean norm is at most the limit.
  case norm(Double)
  /// Clamps each gradient element to `[−limit, limit]`.
  case value(Double)

  /// Applies the limit to the gradients of every layer, in place.
  ///
  /// - Parameter gradients: The gradients by layer, as ``Trainer/parameterGradients``.
  public func apply(to gradients: inout [[Matrix]]) {
    switch self {
    case .norm(let limit):
      var squares = 0.0
      for layer in gradients {
        for matrix in layer {
          switch matrix.elementType {
          case .float64:
            matrix.withUnsafeBufferPointer { buffer in for value in buffer { squares += value * value } }
          case .float32:
            matrix.withUnsafeBufferPointer(as: Float.self) { buffer in
              for value in buffer { squares += Double(value) * Double(value) }
            }
          }
        }
      }
      let factor = limit / (squares.squareRoot() + 1e-6)
      guard factor < 1 else { return }
      for layer in gradients.indices {
        for index in gradients[layer].indices { gradients[layer][index].scale(by: factor) }
      }
    case .value(let limit):
      for layer in gradients.indices {
        for index in gradients[layer].indices {
          switch gradients[layer][index].elementType {
          case .float64:
            gradients[layer][index].withUnsafeMutableBufferPointer { buffer in
              for position in buffer.indices { buffer[position] = min(max(buffer[position], -limit), limit) }
            }
          case .float32:
            let single = Float(limit)
            gradients[layer][index].withUnsafeMutableBufferPointer(as: Float.self) { buffer in
              for position in buffer.indices { buffer[position] = min(max(buffer[position], -single), single) }
            }
          }
        }
      }
    }
  }

  /// Applies the limit to gradients stored one matrix after another in one buffer, in place: the same values as
  /// ``apply(to:)`` on the matrices (the norm sums the squares in the same order).
  ///
  /// - Parameter gradients: Every matrix's gradients, in the order of ``Trainer/parameterGradients``.
  func apply(to gradients: UnsafeMutableBufferPointer<Double>) {
    switch self {
    case .norm(let limit):
      var squares = 0.0
      for value in gradients { squares += value * value }
      let factor = limit / (squares.squareRoot() + 1e-6)
      guard factor < 1 else { return }
      for index in gradients.indices { gradients[index] *= factor }
    case .value(let limit):
      for index in gradients.indices { gradients[index] = min(max(gradients[index], -limit), limit) }
    }
  }

  /// ``apply(to:)-(UnsafeMutableBufferPointer<Double>)`` on `float32` gradients: the norm's squares summed in
  /// `Double`, as ``apply(to:)-([[Matrix]])`` sums a `float32` matrix's, the factor or the limit rounded to `Float`.
  ///
  /// - Parameter gradients: Every matrix's gradients, in the order of ``Trainer/parameterGradients``.
  func apply(to gradients: UnsafeMutableBufferPointer<Float>) {
    switch self {
    case .norm(let limit):
      var squares = 0.0
      for value in gradients { squares += Double(value) * Double(value) }
      let factor = limit / (squares.squareRoot() + 1e-6)
      guard factor < 1 else { return }
      let single = Float(factor)
      for index in gradients.indices { gradients[index] *= single }
    case .value(let limit):
      let single = Float(limit)
      for index in gradients.indices { gradients[index] = min(max(gradients[index], -single), single) }
    }
  }
}
