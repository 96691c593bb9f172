/// The floating-point type a matrix holds its elements in: 64-bit (the default) or 32-bit IEEE 754.
///
/// A network computes in one element type throughout: its parameters, the batches it is fed, its activations,
/// gradients and optimizer state. `float64` has a 53-bit significand (unit roundoff `u = 2⁻⁵³ ≈ 1.1e-16`) and is
/// what finite-difference gradient checks need; `float32` has a 24-bit significand (`u = 2⁻²⁴ ≈ 6.0e-8`), half the
/// memory, and twice as many elements per vector register, so the matrix products and fused kernels run up to twice
/// as fast. The raw values, `float64` and `float32`, are the names model files and the `--dtype` option use.
public enum ElementType: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// IEEE 754 binary64, Swift's `Double`.
  case float64
  /// IEEE 754 binary32, Swift's `Float`.
  case float32

  /// The bytes one element takes: 8 or 4.
  public var bytesPerElement: Int {
    switch self {
    case .float64: 8
    case .float32: 4
    }
  }

  /// The unit roundoff `u = 2^−p`, half the distance from 1 to the next larger value: `2⁻⁵³` or `2⁻²⁴`.
  public var unitRoundoff: Double {
    switch self {
    case .float64: Double.ulpOfOne / 2
    case .float32: Double(Float.ulpOfOne) / 2
    }
  }

  /// The name, `float64` or `float32`.
  public var description: String { rawValue }

  /// The element type named `name` (`float64`, `float32`, or their aliases `double` and `float`), or `nil`.
  ///
  /// - Parameter name: The name, in any letter case.
  public init?(named name: String) {
    switch name.lowercased() {
    case "float64", "double": self = .float64
    case "float32", "float": self = .float32
    default: return nil
    }
  }
}
