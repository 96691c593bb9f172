import Foundation
import NNCore

/// He et al.'s normal initialisation, for ReLU networks.
///
/// ```
/// w ~ N(0, 2 / fan_in)
/// ```
/// ReLU zeroes half its inputs on average; the factor 2 keeps the variance of activations constant.
public struct HeNormalInitializer: Initializer {
  /// The He (Kaiming) normal initializer.
  public init() {}

  /// `he_normal`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "he_normal") }

  /// Fills `matrix` with draws from N(0, 2 / fanIn).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let standardDeviation = sqrt(2 / Double(max(fanIn, 1)))
    matrix.fill { random.normal(standardDeviation: standardDeviation) }
  }
}
