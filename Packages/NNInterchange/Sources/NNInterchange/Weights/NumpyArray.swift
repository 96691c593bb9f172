import Foundation

/// An array read from numpy's `.npy` format: its shape and its values as doubles.
///
/// ```
/// "\x93NUMPY" major minor, header length (2 bytes; 4 from version 2), header: a Python dict literal
/// {'descr': '<f8', 'fortran_order': False, 'shape': (4, 12), }, then the values
/// ```
/// Float64 (`<f8`) and float32 (`<f4`) little-endian values are read, in C or Fortran order; 0 to 2 dimensions.
public struct NumpyArray: Equatable, Sendable {
  /// The dimensions (`[]` for a scalar).
  public let shape: [Int]
  /// The values in row-major (C) order.
  public let values: [Double]

  /// The array of an `.npy` file's bytes, every size checked before it is used.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - name: The array's name, for messages.
  ///   - maximumElements: The most values accepted.
  /// - Throws: ``WeightImportError/invalidArray(name:reason:)`` naming what is wrong.
  public init(npy bytes: Data, name: String, maximumElements: Int = 1 << 28) throws(WeightImportError) {
    func invalid(_ reason: String) -> WeightImportError { .invalidArray(name: name, reason: reason) }
    let data = [UInt8](bytes)
    guard data.count >= 10, data[0] == 0x93, Array(data[1..<6]) == Array("NUMPY".utf8) else {
      throw invalid("not a .npy array (it does not start with \\x93NUMPY)")
    }
    let major = data[6]
    let headerStart: Int
    let headerLength: Int
    switch major {
    case 1:
      headerStart = 10
      headerLength = Int(data[8]) | Int(data[9]) << 8
    case 2, 3:
      guard data.count >= 12 else { throw invalid("the file ends inside its header length") }
      headerStart = 12
      headerLength = (8..<12).reduce(0) { $0 | Int(data[$1]) << (8 * ($1 - 8)) }
    default:
      throw invalid("format version \(major) (versions 1 to 3 are read)")
    }
    guard headerLength <= data.count - headerStart else {
      throw invalid("the header claims \(headerLength) bytes, the file has \(data.count - headerStart) left")
    }
    let header = String(decoding: data[headerStart..<(headerStart + headerLength)], as: UTF8.self)
    let descriptor = try Self.field("descr", in: header, name: name)
    let fortranOrder = try Self.field("fortran_order", in: header, name: name)
    let shapeText = try Self.field("shape", in: header, name: name)
    let width: Int
    switch descriptor {
    case "'<f8'", "'f8'", "'float64'": width = 8
    case "'<f4'", "'f4'", "'float32'": width = 4
    default: throw invalid("element type \(descriptor) (float64 '<f8' and float32 '<f4' are read)")
    }
    let dimensions = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
      .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    var shape: [Int] = []
    for dimension in dimensions {
      guard let value = Int(dimension), value >= 0 else { throw invalid("shape \(shapeText)") }
      shape.append(value)
    }
    guard shape.count <= 2 else { throw invalid("\(shape.count) dimensions (at most 2 are read)") }
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= maximumElements else {
        throw invalid("shape \(shapeText) has more than \(maximumElements) elements")
      }
      count = product
    }
    let dataStart = headerStart + headerLength
    guard data.count - dataStart == count * width else {
      throw invalid("shape \(shapeText) needs \(count * width) bytes of values, the file has \(data.count - dataStart)")
    }
    var values = [Double](repeating: 0, count: count)
    for index in 0..<count {
      let offset = dataStart + index * width
      if width == 8 {
        let bits = (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[offset + $1]) << (8 * UInt64($1)) }
        values[index] = Double(bitPattern: bits)
      } else {
        let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[offset + $1]) << (8 * UInt32($1)) }
        values[index] = Double(Float(bitPattern: bits))
      }
    }
    if fortranOrder == "True", shape.count == 2 {
      // Column-major on disk: element (r, c) is at c · rows + r.
      var reordered = values
      for row in 0..<shape[0] {
        for column in 0..<shape[1] { reordered[row * shape[1] + column] = values[column * shape[0] + row] }
      }
      values = reordered
    }
    self.shape = shape
    self.values = values
  }

  /// An array from its shape and row-major values.
  ///
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - values: The values, as many as the shape holds.
  public init(shape: [Int], values: [Double]) {
    precondition(shape.reduce(1, *) == values.count, "NumpyArray: \(values.count) values for shape \(shape)")
    self.shape = shape
    self.values = values
  }

  /// The value of `key` in the header's dict literal, as written (`'<f8'`, `False`, `(4, 12)`).
  private static func field(_ key: String, in header: String, name: String) throws(WeightImportError) -> String {
    guard let keyRange = header.range(of: "'\(key)'") else {
      throw .invalidArray(name: name, reason: "the header has no '\(key)'")
    }
    var rest = header[keyRange.upperBound...].drop { $0 == " " || $0 == ":" }
    if rest.first == "(" {
      guard let end = rest.firstIndex(of: ")") else {
        throw .invalidArray(name: name, reason: "the shape is not closed")
      }
      return String(rest[...end])
    }
    rest = rest.prefix { $0 != "," && $0 != "}" }
    return rest.trimmingCharacters(in: .whitespaces)
  }
}
