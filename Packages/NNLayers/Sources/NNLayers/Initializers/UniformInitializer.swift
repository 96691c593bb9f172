import NNCore

/// Draws every weight uniformly from an interval; by default `[0, 1)`, numpy's `np.random.rand`, which the
/// seeds' networks start from.
///
/// ```
/// w ~ U[minimum, maximum)
/// ```
public struct UniformInitializer: Initializer {
  /// The lower bound.
  public let minimum: Double
  /// The upper bound, not reached.
  public let maximum: Double

  /// A uniform initializer.
  ///
  /// - Parameters:
  ///   - minimum: The lower bound (default 0).
  ///   - maximum: The upper bound, above `minimum` (default 1).
  public init(minimum: Double = 0, maximum: Double = 1) {
    self.minimum = minimum
    self.maximum = maximum
  }

  /// `uniform(minimum=…, maximum=…)`.
  public var configuration: ComponentConfiguration {
    ComponentConfiguration(name: "uniform", arguments: ["minimum": .number(minimum), "maximum": .number(maximum)])
  }

  /// Fills `matrix` with draws from U[minimum, maximum).
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    matrix.fill { random.uniform(from: minimum, to: maximum) }
  }
}
