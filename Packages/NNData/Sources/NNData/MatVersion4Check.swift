/// The structure check of a version 4 MAT file: a sequence of variables, each a 20-byte header (type, rows,
/// columns, imaginary flag, name length, as 32-bit integers), the name, then the data, with no tags to check
/// against.
///
/// The type is a number `MOPT`: M the byte order (0 little-endian, 1 big-endian), O zero, P the precision (0
/// double, 1 single, 2 int32, 3 int16, 4 uint16, 5 uint8), T the kind (0 numeric, 1 text, 2 sparse). libmatio
/// reads it in the machine's order and, when that is no valid type, swapped; M then gives the order of the other
/// fields. Each variable's name and data must fit in what is left of the file:
///
/// ```
/// 20 + name length + rows · columns · (size of P) · (2 when complex) ≤ bytes left
/// ```
///
/// libmatio allocates the name's length before reading it, and stops listing without a word at a header it cannot
/// read; both are refused here.
enum MatVersion4Check {
  /// The size of a value of each precision P.
  static let precisionSizes = [8, 4, 4, 2, 2, 1]

  /// The longest name kept for messages.
  static let longestName = 256

  /// Checks every variable of a version 4 file.
  ///
  /// - Parameter reader: The open file.
  /// - Throws: ``MatDamage``: foreign when the first header is no version 4 header (the file is no MAT file at
  ///   all), otherwise naming the variable whose header or size is wrong in its text (a version 4 file has no
  ///   structure beyond a variable that claims more than the file holds: the whole file is damaged).
  static func check(_ reader: MatFileReader) throws(MatDamage) {
    let bytes = MatFileBytes(reader)
    while bytes.position < reader.size {
      let offset = bytes.position
      let remaining = reader.size - offset
      guard remaining >= 20 else {
        if offset == 0 {
          throw MatDamage(
            "it has \(SizeLimit.bytes(remaining)), too few for a version 4 header (20) and no version 5 or 7.3 header",
            isForeign: true)
        }
        throw MatDamage(
          "the version 4 variable header at byte \(offset) needs 20 bytes, but the file has "
            + "\(SizeLimit.bytes(remaining)) left")
      }
      let header = try bytes.read(20)
      guard let type = decodedType(header) else {
        let value = MatByteOrder.littleEndian.int32(header, at: 0)
        if offset == 0 {
          throw MatDamage(
            "its first bytes are no version 5 or 7.3 header and no version 4 variable header (type \(value))",
            isForeign: true)
        }
        throw MatDamage(
          "the version 4 variable header at byte \(offset) has type \(value); expected MOPT with M 0 or 1, O 0, "
            + "P 0 to 5 and T 0 to 2")
      }
      let rows = Int(type.order.int32(header, at: 4))
      let columns = Int(type.order.int32(header, at: 8))
      let isComplex = MatByteOrder.littleEndian.int32(header, at: 12) != 0
      let nameLength = Int(type.order.int32(header, at: 16))
      let left = remaining - 20
      guard nameLength >= 1, nameLength <= left else {
        throw MatDamage(
          "the version 4 variable at byte \(offset) claims a name of \(SizeLimit.bytes(nameLength)), but the file has "
            + "\(SizeLimit.bytes(left)) left")
      }
      let nameBytes = try bytes.read(min(nameLength, longestName))
      let variable =
        "the version 4 variable '\(String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self))' at byte \(offset)"
      guard rows >= 0, columns >= 0 else {
        throw MatDamage("\(variable) claims \(rows) × \(columns) elements; sizes cannot be negative")
      }
      guard !(isComplex && type.kind == 1) else {
        throw MatDamage("\(variable) claims to hold complex text, which libmatio refuses")
      }
      let dataLeft = left - nameLength
      let size = SizeLimit.product([rows, columns, precisionSizes[type.precision], isComplex ? 2 : 1])
      guard let size, size <= dataLeft else {
        let claim = size.map { SizeLimit.bytes($0) } ?? "more bytes than an Int counts"
        throw MatDamage(
          "\(variable) claims \(rows) × \(columns)\(isComplex ? " complex" : "") elements (\(claim)), but the file "
            + "has \(SizeLimit.bytes(dataLeft)) left after its name")
      }
      try bytes.skip(nameLength - nameBytes.count + size)
    }
  }

  /// The byte order, precision and kind of a header's type, or `nil` when it is no valid type either way round.
  ///
  /// - Parameter header: The header's 20 bytes.
  static func decodedType(_ header: [UInt8]) -> (order: MatByteOrder, precision: Int, kind: Int)? {
    var value = MatByteOrder.littleEndian.int32(header, at: 0)
    if !(0...4052).contains(value) { value = MatByteOrder.bigEndian.int32(header, at: 0) }
    guard (0...4052).contains(value) else { return nil }
    let digits = (machine: value / 1000, zero: value / 100 % 10, precision: Int(value / 10 % 10), kind: Int(value % 10))
    guard digits.machine <= 1, digits.zero == 0, digits.precision <= 5, digits.kind <= 2 else { return nil }
    return (digits.machine == 0 ? .littleEndian : .bigEndian, digits.precision, digits.kind)
  }
}
