/// A rule for drawing a weight matrix's starting values.
///
/// Scaled rules use the fans: `fanIn` inputs feed each output unit, each input feeds `fanOut` units
/// (for a dense layer from `m` to `n` units, `fanIn = m`, `fanOut = n`).
public protocol Initializer: Component {
  /// Overwrites every element of `matrix` with a draw.
  ///
  /// - Parameters:
  ///   - matrix: The parameter to fill.
  ///   - fanIn: Inputs per output unit.
  ///   - fanOut: Outputs per input unit.
  ///   - random: The source to draw from.
  func initialize(_ matrix: inout Matrix, fanIn: Int, fanOut: Int, random: RandomSource)
}
