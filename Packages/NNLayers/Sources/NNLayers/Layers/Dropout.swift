import NNCore

/// Inverted dropout: in training, each element is kept with probability `1 − rate` and scaled up so the
/// expectation is unchanged; in inference, the identity.
///
/// ```
/// training:   mᵢⱼ = 1/(1 − rate) with probability 1 − rate, else 0        y = m ⊙ x        ∂L/∂x = m ⊙ ∂L/∂y
/// inference:  y = x                                                                        ∂L/∂x = ∂L/∂y
/// ```
/// `E[mᵢⱼ] = 1`, so `E[y] = x` and nothing needs rescaling at inference. The mask is drawn from the
/// ``/NNCore/RandomSource`` of ``/NNCore/ForwardMode/training(_:)`` (one uniform draw per element, row-major; kept when the
/// draw is at least `rate`) and held in the layer's workspace until the backward pass, so a seed reproduces
/// it. No parameters.
public struct Dropout: Layer {
  /// The probability of dropping each element, in `[0, 1)`.
  public let rate: Double

  /// A dropout layer.
  ///
  /// - Parameter rate: The probability of dropping each element during training, in `[0, 1)`.
  /// - Throws: ``/NNCore/ComponentError/invalidArgument(component:parameter:reason:)`` for a rate outside `[0, 1)`.
  public init(rate: Double) throws {
    guard rate >= 0, rate < 1 else {
      throw ComponentError.invalidArgument(
        component: "dropout", parameter: "rate", reason: "must be in [0, 1), got \(rate)")
    }
    self.rate = rate
  }

  /// `dropout(rate=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "dropout", arguments: ["rate": .number(rate)])
  }

  /// The input width: dropout keeps the shape.
  public func outputWidth(inputWidth: Int) throws -> Int { inputWidth }

  /// One matrix, the mask `m` of the last training pass (empty after an inference pass).
  public func makeWorkspace(inputWidth: Int) -> LayerWorkspace {
    LayerWorkspace([Matrix(rows: 0, columns: inputWidth)])
  }

  /// Training: draws the mask `m` and computes `y = m ⊙ x`. Inference: `y = x`, and the mask is cleared.
  public func forward(
    _ input: Matrix, parameters: [Matrix], into output: inout Matrix, workspace: inout LayerWorkspace,
    mode: ForwardMode
  ) {
    guard case .training(let random) = mode, rate > 0 else {
      workspace.matrices[0].resize(rows: 0, columns: input.columns)
      output.assign(input)
      return
    }
    let kept = 1 / (1 - rate)
    workspace.matrices[0].resize(rows: input.rows, columns: input.columns)
    workspace.matrices[0].withUnsafeMutableBufferPointer { mask in
      for index in mask.indices { mask[index] = random.uniform() >= rate ? kept : 0 }
    }
    Dropout.multiply(input, by: workspace.matrices[0], into: &output)
  }

  /// `∂L/∂x = m ⊙ ∂L/∂y` with the mask of the forward pass, or `∂L/∂y` after an inference pass.
  public func backward(
    input: Matrix, output: Matrix, outputGradient: Matrix, parameters: [Matrix],
    parameterGradients: inout [Matrix], inputGradient: inout Matrix, computeInputGradient: Bool,
    workspace: inout LayerWorkspace
  ) {
    guard computeInputGradient else { return }
    let mask = workspace.matrices[0]
    if mask.count == 0 {
      inputGradient.assign(outputGradient)
    } else {
      Dropout.multiply(outputGradient, by: mask, into: &inputGradient)
    }
  }

  /// `result = values ⊙ mask`, element by element.
  private static func multiply(_ values: Matrix, by mask: Matrix, into result: inout Matrix) {
    values.requireSameShape(as: mask, "Dropout")
    result.requireSameShape(as: values, "Dropout")
    values.withUnsafeBufferPointer { values in
      mask.withUnsafeBufferPointer { mask in
        result.withUnsafeMutableBufferPointer { result in
          for index in result.indices { result[index] = values[index] * mask[index] }
        }
      }
    }
  }
}
