import CMatio
import NNCore

/// Conversions between libmatio's raw, column-major buffers and nn's row-major ``Matrix``.
enum MatConversion {
  /// The elements of a buffer of MATLAB numbers as `Double`s, in storage order.
  ///
  /// - Parameters:
  ///   - data: libmatio's data pointer.
  ///   - type: The storage type of each element.
  ///   - count: The number of elements.
  /// - Returns: The values, or `nil` for a storage type that is not a number.
  static func doubles(from data: UnsafeMutableRawPointer, type: matio_types, count: Int) -> [Double]? {
    func convert<Element: BinaryInteger>(_: Element.Type) -> [Double] {
      let typed = data.bindMemory(to: Element.self, capacity: count)
      return (0..<count).map { Double(typed[$0]) }
    }
    switch type {
    case MAT_T_DOUBLE:
      let typed = data.bindMemory(to: Double.self, capacity: count)
      return Array(UnsafeBufferPointer(start: typed, count: count))
    case MAT_T_SINGLE:
      let typed = data.bindMemory(to: Float.self, capacity: count)
      return (0..<count).map { Double(typed[$0]) }
    case MAT_T_INT8: return convert(Int8.self)
    case MAT_T_UINT8: return convert(UInt8.self)
    case MAT_T_INT16: return convert(Int16.self)
    case MAT_T_UINT16: return convert(UInt16.self)
    case MAT_T_INT32: return convert(Int32.self)
    case MAT_T_UINT32: return convert(UInt32.self)
    case MAT_T_INT64: return convert(Int64.self)
    case MAT_T_UINT64: return convert(UInt64.self)
    default: return nil
    }
  }

  /// A row-major matrix from MATLAB's column-major elements: `matrix[i, j] = values[i + j·rows]`.
  ///
  /// - Parameters:
  ///   - values: `rows · columns` elements, column after column.
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  static func rowMajor(columnMajor values: [Double], rows: Int, columns: Int) -> Matrix {
    var elements = [Double](repeating: 0, count: rows * columns)
    for column in 0..<columns {
      for row in 0..<rows {
        elements[row * columns + column] = values[row + column * rows]
      }
    }
    return Matrix(rows: rows, columns: columns, elements: elements)
  }

  /// MATLAB's column-major elements of a row-major matrix: `values[i + j·rows] = matrix[i, j]`.
  ///
  /// - Parameter matrix: The matrix.
  static func columnMajor(_ matrix: Matrix) -> [Double] {
    let rows = matrix.rows
    let columns = matrix.columns
    var values = [Double](repeating: 0, count: rows * columns)
    matrix.withUnsafeBufferPointer { elements in
      for row in 0..<rows {
        for column in 0..<columns {
          values[row + column * rows] = elements[row * columns + column]
        }
      }
    }
    return values
  }
}
