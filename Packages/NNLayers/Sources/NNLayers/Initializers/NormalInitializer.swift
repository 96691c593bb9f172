import NNCore

/// Draws every weight from a normal distribution.
///
/// ```
/// w ~ N(mean, standard_deviation²)
/// ```
public struct NormalInitializer: Initializer {
  /// The mean.
  public let mean: Double
  /// The standard deviation.
  public let standardDeviation: Double

  /// A normal initializer.
  ///
  /// - Parameters:
  ///   - mean: The mean (default 0).
  ///   - standardDeviation: The standard deviation, positive (default 1).
  public init(mean: Double = 0, standardDeviation: Double = 1) {
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// `normal(mean=…, standard_deviation=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(
      name: "normal",
      arguments: ["mean": .number(mean), "standard_deviation": .number(standardDeviation)])
  }

  /// Fills `matrix` with draws from N(mean, standard_deviation²).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    matrix.fill { random.normal(mean: mean, standardDeviation: standardDeviation) }
  }
}
