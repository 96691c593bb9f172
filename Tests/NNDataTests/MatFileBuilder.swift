import CNNZlib
import Foundation
import Testing

/// Builds version 5 MAT files byte by byte, as the MAT-file format describes them, so that a test can write a sound
/// file and then change one claim in it.
///
/// Element layout: a tag of two 32-bit words (type, byte count), the data, zero padding to a multiple of 8 bytes; a
/// small element packs the byte count in the upper 16 bits of its first word and its (at most 4) bytes in the
/// second. An array (miMATRIX) holds its flags, dimensions and name, then its contents. Every number is written in
/// the builder's byte order, the file header saying which (`IM` or `MI`).
struct MatFileBuilder {
  /// Whether numbers are written most significant byte first.
  var isBigEndian = false

  /// A 32-bit word in the builder's byte order.
  func word(_ value: UInt32) -> [UInt8] {
    number(value)
  }

  /// An integer's bytes in the builder's byte order.
  func number<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
    let bytes = (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    return isBigEndian ? bytes.reversed() : bytes
  }

  /// The 128-byte file header: text, subsystem offset, version 0x0100 and the byte-order mark.
  func header() -> [UInt8] {
    var bytes = Array("MATLAB 5.0 MAT-file, written by a test".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: " "), count: 116 - bytes.count)
    bytes += [UInt8](repeating: 0, count: 8)
    bytes += isBigEndian ? [0x01, 0x00] : [0x00, 0x01]
    bytes += isBigEndian ? Array("MI".utf8) : Array("IM".utf8)
    return bytes
  }

  /// An element of `type` holding `data`, its tag claiming `claimed` bytes (by default the data's count), padded.
  func element(_ type: UInt32, _ data: [UInt8], claiming claimed: Int? = nil, padded: Bool = true) -> [UInt8] {
    let padding = padded ? (8 - data.count % 8) % 8 : 0
    return word(type) + word(UInt32(claimed ?? data.count)) + data + [UInt8](repeating: 0, count: padding)
  }

  /// A small element: `data` (at most 4 bytes) inside its 8-byte tag.
  func small(_ type: UInt32, _ data: [UInt8]) -> [UInt8] {
    word(UInt32(data.count) << 16 | type) + data + [UInt8](repeating: 0, count: 4 - data.count)
  }

  /// The array flags element: `class` in the lowest byte, the complex (0x0800) and logical (0x0200) flags.
  func flags(class arrayClass: UInt32, complex: Bool = false, logical: Bool = false) -> [UInt8] {
    element(6, word(arrayClass | (complex ? 0x0800 : 0) | (logical ? 0x0200 : 0)) + word(0))
  }

  /// The dimensions element (miINT32).
  func dimensions(_ sizes: [UInt32]) -> [UInt8] {
    element(5, sizes.flatMap(word))
  }

  /// The name element (miINT8); empty for the elements of cells and structs.
  func name(_ text: String) -> [UInt8] {
    element(1, Array(text.utf8))
  }

  /// An array (miMATRIX): flags, dimensions, name, then `contents`.
  func array(
    class arrayClass: UInt32, dimensions sizes: [UInt32], name text: String = "", contents: [UInt8],
    complex: Bool = false, logical: Bool = false
  ) -> [UInt8] {
    element(
      14, flags(class: arrayClass, complex: complex, logical: logical) + dimensions(sizes) + name(text) + contents)
  }

  /// A double array (class 6) holding `values` (column-major) as miDOUBLE.
  func doubles(_ name: String = "", rows: UInt32, columns: UInt32, values: [Double]) -> [UInt8] {
    array(class: 6, dimensions: [rows, columns], name: name, contents: doubleData(values))
  }

  /// The miDOUBLE element holding `values`.
  func doubleData(_ values: [Double]) -> [UInt8] {
    element(9, values.flatMap { number($0.bitPattern) })
  }

  /// A struct's field-name length (small miINT32) and field names (miINT8, each padded to the length).
  func fieldNames(_ names: [String], length: Int = 8) -> [UInt8] {
    let bytes = names.flatMap { Array($0.utf8) + [UInt8](repeating: 0, count: length - $0.utf8.count) }
    return small(5, word(UInt32(length))) + element(1, bytes)
  }

  /// A compressed element (miCOMPRESSED) holding `array`, deflated by zlib's `compress`.
  func compressed(_ array: [UInt8]) throws -> [UInt8] {
    element(15, try Self.deflate(array), padded: false)
  }

  /// `bytes` as a zlib stream, by zlib's own `compress` (an oracle independent of the reader's inflation).
  static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
    var length = compressBound(UInt(bytes.count))
    var output = [UInt8](repeating: 0, count: Int(length))
    let status = compress(&output, &length, bytes, UInt(bytes.count))
    try #require(status == Z_OK, "zlib's compress failed: \(status)")
    return Array(output.prefix(Int(length)))
  }

  /// A file: the header, then the elements.
  func file(_ elements: [UInt8]...) -> [UInt8] {
    header() + elements.joined()
  }

  /// Writes bytes as `name` in `directory`.
  static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }
}
