import CMatio

/// The MATLAB class of a variable in a MAT file, named as MATLAB and scipy's `whosmat` name it.
public enum MatClass: String, Sendable, Codable, CaseIterable {
  /// Double-precision numbers.
  case double
  /// Single-precision numbers.
  case single
  /// Signed 8-bit integers.
  case int8
  /// Unsigned 8-bit integers.
  case uint8
  /// Signed 16-bit integers.
  case int16
  /// Unsigned 16-bit integers.
  case uint16
  /// Signed 32-bit integers.
  case int32
  /// Unsigned 32-bit integers.
  case uint32
  /// Signed 64-bit integers.
  case int64
  /// Unsigned 64-bit integers.
  case uint64
  /// True and false, stored as bytes.
  case logical
  /// Characters: a string or a character matrix.
  case char
  /// A cell array.
  case cell
  /// A structure (or structure array).
  case `struct`
  /// A sparse matrix.
  case sparse
  /// An object of a MATLAB class.
  case object
  /// A function handle.
  case function
  /// An opaque object (a MATLAB `string`, a table…).
  case opaque
  /// An empty array without a class.
  case empty
  /// A class this reader does not know.
  case unknown

  /// Whether values of this class convert to `Double`: the floating-point and integer classes and logical.
  public var isNumeric: Bool {
    switch self {
    case .double, .single, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .logical: true
    default: false
    }
  }

  /// The class of a variable as libmatio describes it (logical is `uint8` with a flag there).
  ///
  /// - Parameters:
  ///   - classType: libmatio's class.
  ///   - isLogical: Whether libmatio flags the variable as logical.
  init(_ classType: matio_classes, isLogical: Bool) {
    if isLogical {
      self = .logical
      return
    }
    switch classType {
    case MAT_C_DOUBLE: self = .double
    case MAT_C_SINGLE: self = .single
    case MAT_C_INT8: self = .int8
    case MAT_C_UINT8: self = .uint8
    case MAT_C_INT16: self = .int16
    case MAT_C_UINT16: self = .uint16
    case MAT_C_INT32: self = .int32
    case MAT_C_UINT32: self = .uint32
    case MAT_C_INT64: self = .int64
    case MAT_C_UINT64: self = .uint64
    case MAT_C_CHAR: self = .char
    case MAT_C_CELL: self = .cell
    case MAT_C_STRUCT: self = .struct
    case MAT_C_SPARSE: self = .sparse
    case MAT_C_OBJECT: self = .object
    case MAT_C_FUNCTION: self = .function
    case MAT_C_OPAQUE: self = .opaque
    case MAT_C_EMPTY: self = .empty
    default: self = .unknown
    }
  }
}
