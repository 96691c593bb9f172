import Foundation
import NNCore

/// Glorot and Bengio's uniform initialisation, for sigmoid and tanh networks.
///
/// ```
/// w ~ U[−a, a),   a = gain · √(6 / (fan_in + fan_out))
/// ```
/// Keeps the variance of activations and of gradients roughly equal across layers.
public struct XavierUniformInitializer: Initializer {
  /// The scale factor `gain`.
  public let gain: Double

  /// The Xavier (Glorot) uniform initializer.
  ///
  /// - Parameter gain: A positive factor (default 1).
  public init(gain: Double = 1) { self.gain = gain }

  /// `xavier_uniform(gain=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "xavier_uniform", arguments: ["gain": .number(gain)])
  }

  /// Fills `matrix` with draws from U[−a, a).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let bound = gain * sqrt(6 / Double(max(fanIn + fanOut, 1)))
    matrix.fill { random.uniform(from: -bound, to: bound) }
  }
}
