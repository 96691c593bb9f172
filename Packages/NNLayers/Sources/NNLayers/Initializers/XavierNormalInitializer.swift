import Foundation
import NNCore

/// Glorot and Bengio's normal initialisation, for sigmoid and tanh networks.
///
/// ```
/// w ~ N(0, σ²),   σ = gain · √(2 / (fan_in + fan_out))
/// ```
public struct XavierNormalInitializer: Initializer {
  /// The scale factor `gain`.
  public let gain: Double

  /// The Xavier (Glorot) normal initializer.
  ///
  /// - Parameter gain: A positive factor (default 1).
  public init(gain: Double = 1) { self.gain = gain }

  /// `xavier_normal(gain=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "xavier_normal", arguments: ["gain": .number(gain)])
  }

  /// Fills `matrix` with draws from N(0, σ²).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let standardDeviation = gain * sqrt(2 / Double(max(fanIn + fanOut, 1)))
    matrix.fill { random.normal(standardDeviation: standardDeviation) }
  }
}
