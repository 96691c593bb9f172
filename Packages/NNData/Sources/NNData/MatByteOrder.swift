/// The byte order of a MAT file's numbers: version 5 files say it in their header (`IM` little-endian, `MI`
/// big-endian), version 4 files in each variable's type.
enum MatByteOrder: Equatable {
  /// Least significant byte first (`IM`).
  case littleEndian
  /// Most significant byte first (`MI`).
  case bigEndian

  /// The value of a 32-bit word assembled from its bytes in the order stored, the first byte lowest (as
  /// ``MatByteSource/readWords()`` reads them).
  ///
  /// - Parameter word: The word as stored.
  func word(_ word: UInt32) -> UInt32 {
    self == .littleEndian ? word : word.byteSwapped
  }

  /// The unsigned 32-bit integer in `bytes[offset..<offset + 4]`.
  ///
  /// - Parameters:
  ///   - bytes: Bytes read from the file; at least `offset + 4` of them.
  ///   - offset: Where the integer starts.
  func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    let word = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    return self == .littleEndian ? word : word.byteSwapped
  }

  /// The signed 32-bit integer in `bytes[offset..<offset + 4]`.
  ///
  /// - Parameters:
  ///   - bytes: Bytes read from the file; at least `offset + 4` of them.
  ///   - offset: Where the integer starts.
  func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
    Int32(bitPattern: uint32(bytes, at: offset))
  }
}
