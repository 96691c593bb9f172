import Foundation
import NNCore

/// Draws standard normal weights divided by the square root of the fan-in, as the seeds recommend.
///
/// ```
/// w ~ N(0, 1) / √fan_in
/// ```
/// Keeps the variance of a unit's weighted input near 1 when the inputs have unit variance, so sigmoid units
/// do not start saturated.
public struct ScaledNormalInitializer: Initializer {
  /// The scaled normal initializer.
  public init() {}

  /// `scaled_normal`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "scaled_normal") }

  /// Fills `matrix` with draws from N(0, 1) / √fanIn.
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    let scale = 1 / sqrt(Double(max(fanIn, 1)))
    matrix.fill { random.normal() * scale }
  }
}
