import CMatio
import NNCore

/// Conversions between libmatio's raw, column-major buffers and nn's row-major ``Matrix``.
enum MatConversion {
  /// The row-major matrix of a buffer of MATLAB numbers stored column by column, converted in one pass:
  /// `matrix[i, j] = values[i + j·rows]`. Single-precision numbers make a `float32` matrix; every other type is
  /// converted to `Double` (exactly, except 64-bit integers beyond 2⁵³, which are rounded).
  ///
  /// - Parameters:
  ///   - data: libmatio's data pointer, holding `rows · columns` elements (the caller has checked the product
  ///     and the buffer's size).
  ///   - type: The storage type of each element.
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  /// - Returns: The matrix, or `nil` for a storage type that is not a number.
  static func rowMajor(from data: UnsafeRawPointer, type: matio_types, rows: Int, columns: Int) -> Matrix? {
    let count = rows * columns
    func convert<Stored, Element: MatrixElement>(_: Stored.Type, _ value: (Stored) -> Element) -> Matrix {
      let values = UnsafeBufferPointer(start: data.bindMemory(to: Stored.self, capacity: count), count: count)
      let elements = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
        for column in 0..<columns {
          for row in 0..<rows {
            buffer.initializeElement(at: row * columns + column, to: value(values[row + column * rows]))
          }
        }
        initialized = count
      }
      return Matrix(rows: rows, columns: columns, elements: elements)
    }
    switch type {
    case MAT_T_DOUBLE: return convert(Double.self) { $0 }
    case MAT_T_SINGLE: return convert(Float.self) { $0 }
    case MAT_T_INT8: return convert(Int8.self) { Double($0) }
    case MAT_T_UINT8: return convert(UInt8.self) { Double($0) }
    case MAT_T_INT16: return convert(Int16.self) { Double($0) }
    case MAT_T_UINT16: return convert(UInt16.self) { Double($0) }
    case MAT_T_INT32: return convert(Int32.self) { Double($0) }
    case MAT_T_UINT32: return convert(UInt32.self) { Double($0) }
    case MAT_T_INT64: return convert(Int64.self) { Double($0) }
    case MAT_T_UINT64: return convert(UInt64.self) { Double($0) }
    default: return nil
    }
  }

  /// MATLAB's column-major elements of a row-major matrix, in its own element type:
  /// `values[i + j·rows] = matrix[i, j]`.
  ///
  /// - Parameters:
  ///   - matrix: The matrix.
  ///   - type: `Double.self` for a `float64` matrix, `Float.self` for a `float32` one.
  static func columnMajor<Element: MatrixElement>(_ matrix: Matrix, as type: Element.Type) -> [Element] {
    let rows = matrix.rows
    let columns = matrix.columns
    var values = [Element](repeating: 0, count: rows * columns)
    matrix.withUnsafeBufferPointer(as: type) { elements in
      for row in 0..<rows {
        for column in 0..<columns {
          values[row + column * rows] = elements[row * columns + column]
        }
      }
    }
    return values
  }
}
