import NNCore

/// Starts every weight at zero.
///
/// ```
/// w = 0
/// ```
/// Fine for a network with no hidden layer (logistic regression); with hidden layers every unit of a layer
/// then learns the same thing, so prefer a random initializer there.
public struct ZerosInitializer: Initializer {
  /// The zero initializer.
  public init() {}

  /// `zeros`, no parameters.
  public var configuration: ComponentConfiguration { ComponentConfiguration(name: "zeros") }

  /// Sets every element of `matrix` to zero.
  ///
  /// - Parameters:
  ///   - matrix: The parameter matrix to fill, in place.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source of the draws.
  public func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource) {
    matrix.fill(0)
  }
}
