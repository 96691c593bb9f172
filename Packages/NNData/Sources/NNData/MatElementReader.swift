/// Reads the elements of a version 5 MAT file from a ``MatByteSource``: tags, and the few bytes of flags,
/// dimensions and names, each checked to fit in the element that holds it before it is read.
///
/// Every read names what it reads and the container it must fit in, so that a fault says what claims how much,
/// where, and how much is left: `the name element at byte 168 claims 4,294,934,272 bytes, but the array at byte 128
/// has 64 bytes left`.
struct MatElementReader {
  /// The bytes.
  let source: any MatByteSource
  /// The file's byte order.
  let byteOrder: MatByteOrder

  /// The position of the next byte in the source.
  var position: Int { source.position }

  /// Where a position is, for messages: `byte 224`.
  ///
  /// - Parameter position: A position of the source.
  func place(_ position: Int) -> String { source.place(position) }

  /// Reads a tag, after checking that it fits before `end`, then checks that the data it claims fits too.
  ///
  /// - Parameters:
  ///   - what: What the element is, for messages: `name element`.
  ///   - end: The position where the container ends.
  ///   - container: The container, for messages: `the array at byte 128`.
  /// - Returns: The tag; the source stands just past it (at a long element's data).
  /// - Throws: ``MatDamage`` when the tag or its data does not fit, or a small tag claims more than 4 bytes.
  func tag(
    _ what: @autoclosure () -> String, before end: Int, in container: @autoclosure () -> String
  ) throws(MatDamage) -> MatTag {
    let offset = position
    guard end - offset >= 8 else {
      throw MatDamage(
        "the \(what()) at \(place(offset)) needs an 8-byte tag, but \(container()) has "
          + "\(SizeLimit.bytes(end - offset)) left")
    }
    let tag = MatTag(try source.readWords(), offset: offset, byteOrder: byteOrder)
    if tag.isSmall {
      guard tag.byteCount <= 4 else {
        throw MatDamage(
          "the \(what()) at \(place(offset)) is a small element claiming \(SizeLimit.bytes(tag.byteCount)); at most "
            + "4 fit in its tag")
      }
    } else if tag.byteCount > end - offset - 8 {
      throw MatDamage(
        "the \(what()) at \(place(offset)) claims \(SizeLimit.bytes(tag.byteCount)), but \(container()) has "
          + "\(SizeLimit.bytes(end - offset - 8)) left")
    }
    return tag
  }

  /// The data of an element whose tag was just read: the 4 bytes of a small tag (its data first), or the next
  /// `tag.byteCount` bytes, after which the source stands past the element's padding.
  ///
  /// Only for the small elements of an array's header (flags, dimensions, names): their size was checked against
  /// their container by ``tag(_:before:in:)``.
  ///
  /// - Parameters:
  ///   - tag: The tag just read.
  ///   - end: The position where the container ends: the padding stops there.
  func data(of tag: MatTag, before end: Int) throws(MatDamage) -> [UInt8] {
    if tag.isSmall { return tag.smallData }
    let bytes = try source.read(tag.byteCount)
    try skip(to: min(tag.paddedEnd, end))
    return bytes
  }

  /// Moves past an element whose tag was just read, and past its padding as far as `end`.
  ///
  /// - Parameters:
  ///   - tag: The tag just read.
  ///   - end: The position where the container ends.
  func skipData(of tag: MatTag, before end: Int) throws(MatDamage) {
    try skip(to: min(tag.paddedEnd, end))
  }

  /// Moves on to `target`, at or after the current position.
  ///
  /// - Parameter target: A position of the source.
  func skip(to target: Int) throws(MatDamage) {
    if target > position { try source.skip(target - position) }
  }
}
