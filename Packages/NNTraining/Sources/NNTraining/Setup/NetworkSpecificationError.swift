/// A network specification (`--network`) that cannot be read: which layer, its text, and why.
public struct NetworkSpecificationError: Error, Equatable, CustomStringConvertible {
  /// The whole specification.
  public let specification: String
  /// The bad layer's position, from 1; 0 when the whole text is at fault.
  public let position: Int
  /// The bad layer's text, trimmed.
  public let piece: String
  /// What is wrong with it.
  public let reason: String

  /// One line: `cannot read the network '…': layer 2 'rleu': unknown layer 'rleu' (did you mean 'relu'?); …`.
  public var description: String {
    let place = position == 0 ? "" : "layer \(position) '\(piece)': "
    return "cannot read the network '\(specification)': \(place)\(reason)"
  }
}
