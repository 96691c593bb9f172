import CMatio

/// The header of an array (an miMATRIX element of a version 5 MAT file): array flags, dimensions and name, read as
/// libmatio reads them, each checked to fit in the array.
///
/// libmatio allocates the dimensions and the name a header declares before it reads them; once they fit in their
/// array, which fits in the file (or in what its compressed element can inflate to), those allocations are
/// bounded by the file. Where libmatio would read a header differently from this reading (a dimensions element
/// of another type, a name that is not `miINT8`), it would read the rest of the array from the wrong place, so
/// such headers are damage.
struct MatArrayHeader {
  /// Where an array sits, which decides how libmatio reads its name.
  enum Placement {
    /// A variable of the file, or a part of a function handle: a long `miINT8` name is read.
    case variable
    /// An element of a cell array: a long `miINT8` name is skipped.
    case cellElement
    /// A field of a struct: libmatio reads the name's tag only, so a long name must be empty.
    case field
  }

  /// The most dimensions an array may have: far more than any array has (numpy allows 64), few enough that
  /// libmatio's copies of them stay small.
  static let maximumRank = 64
  /// The class number of an opaque object (a MATLAB `string`, a table…), whose header has no dimensions.
  static let opaqueClass: UInt32 = 17

  /// The class, the lowest byte of the array flags (libmatio's `matio_classes`).
  let classNumber: UInt32
  /// Whether the array holds complex numbers (flag `0x0800`).
  let isComplex: Bool
  /// Whether the array is logical (flag `0x0200`).
  let isLogical: Bool
  /// The dimensions, rows first (none for an opaque object).
  let dimensions: [Int]
  /// The name, when there is one.
  let name: String?

  /// The number of elements as libmatio counts them: the product of the dimensions, 0 without dimensions, `nil`
  /// when the product overflows.
  var elementCount: Int? { dimensions.isEmpty ? 0 : SizeLimit.product(dimensions) }

  /// The class by MATLAB's name.
  var matlabClass: MatClass { MatClass(matio_classes(rawValue: classNumber), isLogical: isLogical) }

  /// `2 × 67108866 logical elements`.
  var claim: String { "\(SizeLimit.claimed(dimensions)) \(matlabClass.rawValue) elements" }

  /// Reads an array's header from its first byte.
  ///
  /// - Parameters:
  ///   - reader: The reader, standing at the array's flags.
  ///   - end: The position where the array ends.
  ///   - container: The array, for messages: `the array at byte 128`.
  ///   - placement: Where the array sits.
  ///   - isCompressed: Whether libmatio reads the array through zlib (it reads an opaque object's flags only).
  /// - Returns: The header; the reader stands past the name.
  /// - Throws: ``MatDamage`` for an element that does not fit, or is not what libmatio expects there.
  static func read(
    from reader: MatElementReader, before end: Int, in container: () -> String, placement: Placement, isCompressed: Bool
  ) throws(MatDamage) -> MatArrayHeader {
    let flagsTag = try reader.tag("array flags element", before: end, in: container())
    guard !flagsTag.isSmall,
      flagsTag.type == MatDataType.uint32.rawValue || flagsTag.type == MatDataType.int32.rawValue,
      flagsTag.byteCount == 8
    else {
      throw MatDamage(
        "the array flags element at \(reader.place(flagsTag.offset)) is \(describe(flagsTag)); expected 8 bytes of "
          + "miUINT32")
    }
    let flags = reader.byteOrder.word(try reader.source.readWords().first)
    let classNumber = flags & 0xff
    let isComplex = flags & 0x0800 != 0
    let isLogical = flags & 0x0200 != 0
    if classNumber == opaqueClass {
      // libmatio reads no more of an opaque object through zlib; in a plain file it reads on as below, taking
      // the object's own elements for dimensions and name where their types match.
      if !isCompressed { try skipOpaqueHeader(reader, before: end, in: container) }
      return MatArrayHeader(
        classNumber: classNumber, isComplex: isComplex, isLogical: isLogical, dimensions: [], name: nil)
    }
    let dimensions = try readDimensions(reader, before: end, in: container)
    let name = try readName(reader, before: end, in: container, placement: placement)
    return MatArrayHeader(
      classNumber: classNumber, isComplex: isComplex, isLogical: isLogical, dimensions: dimensions, name: name)
  }

  /// Reads the dimensions element: `miINT32`, one 32-bit size per dimension.
  private static func readDimensions(
    _ reader: MatElementReader, before end: Int, in container: () -> String
  ) throws(MatDamage) -> [Int] {
    let tag = try reader.tag("dimensions element", before: end, in: container())
    guard tag.isLong(.int32), tag.byteCount % 4 == 0, tag.byteCount / 4 <= maximumRank else {
      throw MatDamage(
        "the dimensions element at \(reader.place(tag.offset)) is \(describe(tag)); expected miINT32, 4 bytes for "
          + "each of at most \(maximumRank) dimensions")
    }
    guard tag.paddedEnd <= end else {
      throw MatDamage(
        "the dimensions element at \(reader.place(tag.offset)) and its padding end at \(reader.place(tag.paddedEnd)), "
          + "past the end of \(container())")
    }
    // The sizes two at a time: an odd count is followed by 4 bytes of padding.
    let rank = tag.byteCount / 4
    var dimensions: [Int] = []
    dimensions.reserveCapacity(rank + 1)
    for _ in 0..<(rank + 1) / 2 {
      let words = try reader.source.readWords()
      dimensions.append(Int(reader.byteOrder.word(words.first)))
      dimensions.append(Int(reader.byteOrder.word(words.second)))
    }
    if dimensions.count > rank { dimensions.removeLast() }
    return dimensions
  }

  /// Reads the name element (`miINT8`), as libmatio reads it where the array sits.
  private static func readName(
    _ reader: MatElementReader, before end: Int, in container: () -> String, placement: Placement
  ) throws(MatDamage) -> String? {
    let tag = try reader.tag("name element", before: end, in: container())
    if tag.isSmall {
      return tag.type == MatDataType.int8.rawValue ? text(tag.smallData) : nil
    }
    guard tag.byteCount > 0 else { return nil }
    guard placement != .field else {
      throw MatDamage(
        "the name element at \(reader.place(tag.offset)) of a struct field claims \(SizeLimit.bytes(tag.byteCount)); "
          + "a field's name element must be empty")
    }
    guard tag.type == MatDataType.int8.rawValue else {
      throw MatDamage("the name element at \(reader.place(tag.offset)) is \(describe(tag)); expected miINT8")
    }
    guard tag.paddedEnd <= end else {
      throw MatDamage(
        "the name element at \(reader.place(tag.offset)) and its padding end at \(reader.place(tag.paddedEnd)), past "
          + "the end of \(container())")
    }
    // Only a variable's name is kept, for messages; a cell element's is passed over.
    let kept = placement == .variable ? try reader.source.read(min(tag.byteCount, 256)) : []
    try reader.skipData(of: tag, before: end)
    return placement == .variable ? text(kept) : nil
  }

  /// Reads past what libmatio takes for an opaque object's dimensions and name outside a compressed element: 8
  /// bytes and, when they are the tag of an `miINT32` element, its data; then 8 bytes and, when they are the tag of
  /// an `miINT8` element, its data. (In a sound object these are its name's tag and the first bytes of its name,
  /// which are no such tags.)
  private static func skipOpaqueHeader(
    _ reader: MatElementReader, before end: Int, in container: () -> String
  ) throws(MatDamage) {
    for type in [MatDataType.int32, .int8] {
      let offset = reader.position
      guard end - offset >= 8 else {
        throw MatDamage(
          "the opaque object in \(container()) ends \(SizeLimit.bytes(end - offset)) after \(reader.place(offset)), "
            + "where libmatio reads 8")
      }
      let tag = MatTag(try reader.source.readWords(), offset: offset, byteOrder: reader.byteOrder)
      guard tag.isLong(type) else { continue }
      guard tag.paddedEnd <= end else {
        throw MatDamage(
          "the \(type.name) element at \(reader.place(offset)) of an opaque object claims "
            + "\(SizeLimit.bytes(tag.byteCount)), but \(container()) has \(SizeLimit.bytes(end - offset - 8)) left")
      }
      try reader.skipData(of: tag, before: end)
    }
  }

  /// `12 bytes of miINT8`, `a small element of 4 bytes of type 65535`.
  ///
  /// - Parameter tag: A tag.
  static func describe(_ tag: MatTag) -> String {
    let bytes = "\(SizeLimit.bytes(tag.byteCount)) of \(tag.typeName)"
    return tag.isSmall ? "a small element of \(bytes)" : bytes
  }

  /// Text up to its first zero byte, as UTF-8 (invalid bytes replaced).
  private static func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
  }
}
