/// A Swift floating-point type a ``Matrix`` can hold: `Double` (``ElementType/float64``) or `Float`
/// (``ElementType/float32``).
///
/// Code written once over `some MatrixElement` runs in both element types: a component switches on
/// ``Matrix/elementType`` and calls one generic function with `Double.self` or `Float.self`, and the compiler
/// specializes it for each, so neither pays for the other (see "Writing a component" in NNLayers).
public protocol MatrixElement: BinaryFloatingPoint, SIMDScalar, Codable, Sendable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
  /// The element type this Swift type stands for.
  static var elementType: ElementType { get }
}

extension Double: MatrixElement {
  /// ``ElementType/float64``.
  @inlinable public static var elementType: ElementType { .float64 }
}

extension Float: MatrixElement {
  /// ``ElementType/float32``.
  @inlinable public static var elementType: ElementType { .float32 }
}
