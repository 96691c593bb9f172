/// The data types of a version 5 MAT file's elements (the first word of each tag), with the size of one value.
enum MatDataType: UInt32 {
  /// Signed 8-bit integers; also names and field names.
  case int8 = 1
  /// Unsigned 8-bit integers; also logicals.
  case uint8 = 2
  /// Signed 16-bit integers.
  case int16 = 3
  /// Unsigned 16-bit integers; also characters.
  case uint16 = 4
  /// Signed 32-bit integers; also dimensions.
  case int32 = 5
  /// Unsigned 32-bit integers; also array flags.
  case uint32 = 6
  /// IEEE single precision.
  case single = 7
  /// IEEE double precision.
  case double = 9
  /// Signed 64-bit integers.
  case int64 = 12
  /// Unsigned 64-bit integers.
  case uint64 = 13
  /// An array: flags, dimensions, name and contents.
  case matrix = 14
  /// A zlib stream holding one array.
  case compressed = 15
  /// UTF-8 text.
  case utf8 = 16
  /// UTF-16 text.
  case utf16 = 17
  /// UTF-32 text.
  case utf32 = 18

  /// The size of one value in bytes (1 for UTF-8, whose characters take 1 to 4), or `nil` for an array or a
  /// compressed element.
  var valueSize: Int? {
    switch self {
    case .int8, .uint8, .utf8: 1
    case .int16, .uint16, .utf16: 2
    case .int32, .uint32, .single, .utf32: 4
    case .double, .int64, .uint64: 8
    case .matrix, .compressed: nil
    }
  }

  /// Whether the type holds numbers (the types a numeric array's data may be stored as).
  var isNumber: Bool {
    valueSize != nil && !isText
  }

  /// Whether the type holds encoded text (which only character arrays use).
  var isText: Bool {
    self == .utf8 || self == .utf16 || self == .utf32
  }

  /// The type's name in the MAT-file format: `miUINT8`.
  var name: String {
    switch self {
    case .int8: "miINT8"
    case .uint8: "miUINT8"
    case .int16: "miINT16"
    case .uint16: "miUINT16"
    case .int32: "miINT32"
    case .uint32: "miUINT32"
    case .single: "miSINGLE"
    case .double: "miDOUBLE"
    case .int64: "miINT64"
    case .uint64: "miUINT64"
    case .matrix: "miMATRIX"
    case .compressed: "miCOMPRESSED"
    case .utf8: "miUTF8"
    case .utf16: "miUTF16"
    case .utf32: "miUTF32"
    }
  }
}
