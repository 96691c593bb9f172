import NNCore

/// The max over groups of `pieces` adjacent columns, shared by ``Maxout`` and ``MaxoutPool``.
///
/// ```
/// yⱼ = maxₚ z_{j·k+p}        aⱼ = the first p reaching it        (k = pieces, 0 ≤ p < k), row by row
/// ∂L/∂z_{j·k+p} = ∂L/∂yⱼ if p = aⱼ, else 0
/// ```
enum MaxoutPooling {
  /// Computes `y` from the features `z` and records the winning piece `a` of each output.
  ///
  /// - Parameters:
  ///   - features: `z`, `rows × units·pieces`.
  ///   - pieces: The group size `k`.
  ///   - output: Receives `y`, already `rows × units`.
  ///   - winners: Receives `a` as whole numbers; resized to `rows × units`.
  static func forward(_ features: Matrix, pieces: Int, into output: inout Matrix, winners: inout Matrix) {
    precondition(
      features.rows == output.rows && features.columns == output.columns * pieces,
      "maxout: \(features.rows)×\(features.columns) features do not pool into \(output.rows)×\(output.columns)")
    winners.resize(rows: output.rows, columns: output.columns)
    features.withUnsafeBufferPointer { features in
      output.withUnsafeMutableBufferPointer { output in
        winners.withUnsafeMutableBufferPointer { winners in
          for index in output.indices {
            let start = index * pieces
            var best = 0
            for piece in 1..<max(pieces, 1) where features[start + piece] > features[start + best] { best = piece }
            output[index] = features[start + best]
            winners[index] = Double(best)
          }
        }
      }
    }
  }

  /// Routes each output gradient to the feature that won: `∂L/∂z`, zero elsewhere.
  ///
  /// - Parameters:
  ///   - outputGradient: `∂L/∂y`, `rows × units`.
  ///   - pieces: The group size `k`.
  ///   - winners: `a` from ``forward(_:pieces:into:winners:)``.
  ///   - featureGradient: Receives `∂L/∂z`; resized to `rows × units·pieces`.
  static func backward(
    _ outputGradient: Matrix, pieces: Int, winners: Matrix, into featureGradient: inout Matrix
  ) {
    outputGradient.requireSameShape(as: winners, "maxout backward")
    featureGradient.resize(rows: outputGradient.rows, columns: outputGradient.columns * pieces)
    featureGradient.fill(0)
    outputGradient.withUnsafeBufferPointer { outputGradient in
      winners.withUnsafeBufferPointer { winners in
        featureGradient.withUnsafeMutableBufferPointer { featureGradient in
          for index in outputGradient.indices {
            featureGradient[index * pieces + Int(winners[index])] = outputGradient[index]
          }
        }
      }
    }
  }

  /// Checks a `pieces` argument: at least 1.
  ///
  /// - Parameters:
  ///   - pieces: The requested number of pieces.
  ///   - component: The component's registry name, for the message.
  static func validate(pieces: Int, component: String) throws {
    guard pieces >= 1 else {
      throw ComponentError.invalidArgument(
        component: component, parameter: "pieces", reason: "must be at least 1, got \(pieces)")
    }
  }
}
