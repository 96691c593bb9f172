import Foundation
import NNCore

/// He et al.'s uniform initialisation, for ReLU networks.
///
/// ```
/// w ~ U[−a, a),   a = √(6 / fan_in)        (variance 2 / fan_in)
/// ```
public struct HeUniformInitializer: Initializer {
  /// The He (Kaiming) uniform initializer.
  public init() {}

  /// `he_uniform`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "he_uniform") }

  /// Fills `matrix` with draws from U[−a, a).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let bound = sqrt(6 / Double(max(fanIn, 1)))
    matrix.fill { random.uniform(from: -bound, to: bound) }
  }
}
