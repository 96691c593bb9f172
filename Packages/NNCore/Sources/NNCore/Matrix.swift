/// A dense, row-major matrix of `Double` with value semantics.
///
/// Element `(row, column)` is stored at `elements[row * columns + column]`. Copies share storage until one of
/// them is mutated (copy on write). Operations check shapes and stop with a message naming both shapes when
/// they disagree: a shape mismatch is a programming error, like an array index out of range.
///
/// Buffers used in a training loop can change their number of rows without releasing memory
/// (``resize(rows:columns:)``), so a smaller last batch does not allocate.
public struct Matrix: Sendable, Hashable {
  /// The number of rows.
  @inlinable public var rows: Int { rowCount }
  /// The number of columns.
  @inlinable public var columns: Int { columnCount }
  @usableFromInline internal var rowCount: Int
  @usableFromInline internal var columnCount: Int
  @usableFromInline internal var storage: [Double]

  /// A matrix of the given shape with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, zero or more.
  ///   - columns: The number of columns, zero or more.
  ///   - value: The value of every element.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must not be negative, got \(rows)×\(columns)")
    self.rowCount = rows
    self.columnCount = columns
    self.storage = Array(repeating: value, count: rows * columns)
  }

  /// A matrix of the given shape holding `elements` in row-major order.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - elements: `rows × columns` values, row after row.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && elements.count == rows * columns,
      "Matrix \(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
    self.rowCount = rows
    self.columnCount = columns
    self.storage = elements
  }

  /// A matrix whose rows are the given arrays, which must all have the same length.
  ///
  /// - Parameter rowArrays: The rows, top to bottom.
  public init(_ rowArrays: [[Double]]) {
    let width = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == width }, "Matrix rows must all have \(width) elements")
    self.init(rows: rowArrays.count, columns: width, elements: rowArrays.flatMap { $0 })
  }

  /// The elements in row-major order.
  @inlinable public var elements: [Double] { storage }

  /// The number of elements, `rows × columns`.
  @inlinable public var count: Int { storage.count }

  /// The shape as `(rows, columns)`.
  @inlinable public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// The element at `row`, `column`.
  @inlinable public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      return storage[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      storage[row * columns + column] = newValue
    }
  }

  /// The elements of one row, as a new array.
  ///
  /// - Parameter index: The row, from zero.
  public func row(_ index: Int) -> [Double] {
    precondition(index >= 0 && index < rows, "Row \(index) out of range for \(rows) rows")
    return Array(storage[index * columns..<(index + 1) * columns])
  }

  /// Changes the shape, keeping the allocated memory; new elements are zero, the rest are unspecified.
  ///
  /// Used for work buffers whose batch dimension changes: memory grows to the largest shape seen and is
  /// never released, so a loop over batches of varying size stops allocating after the largest one.
  ///
  /// - Parameters:
  ///   - newRows: The new number of rows.
  ///   - newColumns: The new number of columns.
  @inlinable public mutating func resize(rows newRows: Int, columns newColumns: Int) {
    precondition(newRows >= 0 && newColumns >= 0, "Matrix shape must not be negative")
    let newCount = newRows * newColumns
    if newCount < storage.count {
      storage.removeLast(storage.count - newCount)
    } else if newCount > storage.count {
      storage.append(contentsOf: repeatElement(0, count: newCount - storage.count))
    }
    rowCount = newRows
    columnCount = newColumns
  }

  /// Sets every element to `value`.
  ///
  /// - Parameter value: The value every element takes.
  @inlinable public mutating func fill(_ value: Double) {
    storage.withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] = value }
    }
  }

  /// Calls `body` with a pointer to the elements in row-major order.
  ///
  /// - Parameter body: Reads the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public func withUnsafeBufferPointer<Result>(
    _ body: (UnsafeBufferPointer<Double>) throws -> Result
  ) rethrows -> Result {
    try storage.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with a mutable pointer to the elements in row-major order; the shape cannot change.
  ///
  /// - Parameter body: Reads and writes the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public mutating func withUnsafeMutableBufferPointer<Result>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> Result
  ) rethrows -> Result {
    try storage.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// Stops with a message when `other` does not have this matrix's shape.
  ///
  /// - Parameters:
  ///   - other: The matrix to compare with.
  ///   - operation: The name of the operation, for the message.
  @inlinable public func requireSameShape(as other: Matrix, _ operation: StaticString) {
    precondition(
      rows == other.rows && columns == other.columns,
      "\(operation): shapes \(rows)×\(columns) and \(other.rows)×\(other.columns) differ")
  }
}

extension Matrix: CustomStringConvertible {
  /// The matrix as text, one row a line.
  public var description: String {
    var lines = ["Matrix \(rows)×\(columns)"]
    for row in 0..<rows {
      lines.append(self.row(row).map { String($0) }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }
}

extension Matrix: Codable {
  private enum CodingKeys: String, CodingKey { case rows, columns, elements }

  /// Decodes a matrix written by ``encode(to:)``, checking that the element count matches the shape.
  ///
  /// - Parameter decoder: The decoder holding `rows`, `columns` and `elements`.
  /// - Throws: `DecodingError` when a key is missing or `elements` does not hold `rows · columns` numbers.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rows = try container.decode(Int.self, forKey: .rows)
    let columns = try container.decode(Int.self, forKey: .columns)
    let elements = try container.decode([Double].self, forKey: .elements)
    guard rows >= 0, columns >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .rows, in: container, debugDescription: "a matrix shape must not be negative, got \(rows)×\(columns)")
    }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, elements.count == count else {
      throw DecodingError.dataCorruptedError(
        forKey: .elements, in: container,
        debugDescription: "a \(rows)×\(columns) matrix needs \(rows)·\(columns) elements, found \(elements.count)")
    }
    self.init(rows: rows, columns: columns, elements: elements)
  }

  /// Encodes the shape and the elements in row-major order.
  ///
  /// - Parameter encoder: The encoder receiving `rows`, `columns` and `elements`.
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rows, forKey: .rows)
    try container.encode(columns, forKey: .columns)
    try container.encode(storage, forKey: .elements)
  }
}
