/// Bytes read front to back, a few at a time: a MAT file (``MatFileBytes``), or the bytes inflated from one of its
/// compressed variables (``MatInflatedBytes``).
///
/// ``MatElementReader`` walks either one the same way; positions count from the source's first byte (a file's
/// offsets, or the inflated bytes so far).
protocol MatByteSource: AnyObject {
  /// The position of the next byte: how many bytes have been read or skipped.
  var position: Int { get }

  /// Fills `buffer` with the next bytes.
  ///
  /// - Parameter buffer: Where the bytes go; as many are read as it holds.
  /// - Throws: ``MatDamage`` when the source ends first or cannot be read.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MatDamage)

  /// Moves past the next `count` bytes without keeping them.
  ///
  /// - Parameter count: How many bytes, at least 0.
  /// - Throws: ``MatDamage`` when the source ends first or cannot be read.
  func skip(_ count: Int) throws(MatDamage)

  /// Where a position is, for messages: `byte 224`, `inflated byte 40 of the compressed element at byte 128`.
  ///
  /// - Parameter position: A position of this source.
  func place(_ position: Int) -> String
}

extension MatByteSource {
  /// Reads the next `count` bytes (a name: a few bytes at a time).
  ///
  /// - Parameter count: How many bytes, at least 0.
  /// - Throws: ``MatDamage`` when the source ends first or cannot be read.
  func read(_ count: Int) throws(MatDamage) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    try bytes.withUnsafeMutableBytes { buffer in
      Result { () throws(MatDamage) in try read(into: buffer) }
    }.get()
    return bytes
  }

  /// Reads the next 8 bytes as two 32-bit words, each assembled from its bytes in the order stored, the first
  /// byte lowest (``MatByteOrder/word(_:)`` gives their values): a tag, or the data of a small element.
  ///
  /// - Throws: ``MatDamage`` when the source ends first or cannot be read.
  func readWords() throws(MatDamage) -> (first: UInt32, second: UInt32) {
    var words: (UInt32, UInt32) = (0, 0)
    try withUnsafeMutableBytes(of: &words) { buffer in
      Result { () throws(MatDamage) in try read(into: buffer) }
    }.get()
    return (UInt32(littleEndian: words.0), UInt32(littleEndian: words.1))
  }
}
