import Foundation
import NNCore

/// LeCun's normal initialisation, for SELU networks.
///
/// ```
/// w ~ N(0, 1 / fan_in)
/// ```
public struct LeCunNormalInitializer: Initializer {
  /// The LeCun normal initializer.
  public init() {}

  /// `lecun_normal`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "lecun_normal") }

  /// Fills `matrix` with draws from N(0, 1 / fanIn).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let standardDeviation = sqrt(1 / Double(max(fanIn, 1)))
    matrix.fill { random.normal(standardDeviation: standardDeviation) }
  }
}
