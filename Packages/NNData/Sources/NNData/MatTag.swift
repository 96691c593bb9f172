/// The tag that starts each element of a version 5 MAT file: its data type and the number of bytes that follow.
///
/// A tag takes 8 bytes. Its long form is two 32-bit words, the type then the byte count, and the data follows,
/// padded to a multiple of 8 bytes. Its small form packs an element of at most 4 bytes into the 8: the first word
/// holds the byte count in its upper 16 bits and the type in its lower 16, the data fills the second word. As
/// libmatio reads them, a first word whose upper 16 bits are not zero is a small tag.
struct MatTag {
  /// The source position of the tag's first byte.
  let offset: Int
  /// The type: the first word of a long tag, the lower 16 bits of a small one.
  let type: UInt32
  /// The number of data bytes the element claims.
  let byteCount: Int
  /// Whether the tag is of the small form, its data inside it.
  let isSmall: Bool
  /// The second word as stored, its first byte lowest: a small element's data, a long element's byte count.
  let storedSecondWord: UInt32

  /// Reads a tag from its two words.
  ///
  /// - Parameters:
  ///   - words: The tag's words as stored, each first byte lowest (``MatByteSource/readWords()``).
  ///   - offset: Where the tag starts in its source.
  ///   - byteOrder: The file's byte order.
  init(_ words: (first: UInt32, second: UInt32), offset: Int, byteOrder: MatByteOrder) {
    self.offset = offset
    let first = byteOrder.word(words.first)
    isSmall = first >> 16 != 0
    type = isSmall ? first & 0xffff : first
    byteCount = isSmall ? Int(first >> 16) : Int(byteOrder.word(words.second))
    storedSecondWord = words.second
  }

  /// The data of a small element: the first `byteCount` bytes of its second word.
  var smallData: [UInt8] {
    (0..<min(byteCount, 4)).map { UInt8(truncatingIfNeeded: storedSecondWord >> (8 * $0)) }
  }

  /// The type, when it is one of the format's.
  var dataType: MatDataType? { MatDataType(rawValue: type) }

  /// The type by its name, or its number when it has none: `miUINT8`, `type 255`.
  var typeName: String { dataType?.name ?? "type \(type)" }

  /// The source position just past the element's data, before any padding.
  var dataEnd: Int { offset + (isSmall ? 4 + byteCount : 8 + byteCount) }

  /// The source position just past the element and its padding to a multiple of 8 bytes.
  var paddedEnd: Int { isSmall ? offset + 8 : offset + 8 + (byteCount + 7) / 8 * 8 }

  /// Whether the tag is a long one of type `type`.
  ///
  /// - Parameter type: The expected type.
  func isLong(_ type: MatDataType) -> Bool { !isSmall && self.type == type.rawValue }
}
