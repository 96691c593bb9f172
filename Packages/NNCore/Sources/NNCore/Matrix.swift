/// A dense, row-major matrix of `Double` or `Float` elements with value semantics.
///
/// Element `(row, column)` is stored at `elements[row * columns + column]`. Copies share storage until one of
/// them is mutated (copy on write). Operations check shapes and stop with a message naming both shapes when
/// they disagree: a shape mismatch is a programming error, like an array index out of range.
///
/// The element type (``ElementType``) is a property of the value, chosen when it is made: ``ElementType/float64``
/// (the default) or ``ElementType/float32``. Operations between matrices require one type and stop with a message
/// otherwise; ``converted(to:)``, ``assign(_:)`` and ``gatherRows(of:at:)`` convert. The `Double` accessors
/// (``elements``, the subscript, ``row(_:)``) work on both types, widening `Float` exactly and rounding to nearest
/// on the way in; the pointer accessors name their type (``withUnsafeBufferPointer(as:_:)``).
///
/// Buffers used in a training loop can change their number of rows without releasing memory
/// (``resize(rows:columns:)``), so a smaller last batch does not allocate.
public struct Matrix: Sendable, Hashable {
  /// The number of rows.
  @inlinable public var rows: Int { rowCount }
  /// The number of columns.
  @inlinable public var columns: Int { columnCount }
  /// The type the elements are held in.
  @inlinable public var elementType: ElementType { type }
  @usableFromInline internal var rowCount: Int
  @usableFromInline internal var columnCount: Int
  @usableFromInline internal var type: ElementType
  /// The elements of a `float64` matrix; empty for `float32`.
  @usableFromInline internal var storage: [Double]
  /// The elements of a `float32` matrix; empty for `float64`.
  @usableFromInline internal var singleStorage: [Float]

  /// A matrix of the given shape and element type with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - rows: The number of rows, zero or more.
  ///   - columns: The number of columns, zero or more.
  ///   - value: The value of every element (rounded to nearest for `float32`).
  ///   - elementType: The type the elements are held in; `float64` unless given.
  public init(rows: Int, columns: Int, repeating value: Double = 0, elementType: ElementType = .float64) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must not be negative, got \(rows)×\(columns)")
    self.rowCount = rows
    self.columnCount = columns
    self.type = elementType
    switch elementType {
    case .float64:
      self.storage = Array(repeating: value, count: rows * columns)
      self.singleStorage = []
    case .float32:
      self.storage = []
      self.singleStorage = Array(repeating: Float(value), count: rows * columns)
    }
  }

  /// A `float64` matrix of the given shape holding `elements` in row-major order.
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
    self.type = .float64
    self.storage = elements
    self.singleStorage = []
  }

  /// A matrix of the given shape holding `elements` in row-major order, in their own element type.
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - columns: The number of columns.
  ///   - elements: `rows × columns` values, row after row: `[Float]` makes a `float32` matrix.
  public init<Element: MatrixElement>(rows: Int, columns: Int, elements: [Element]) {
    precondition(
      rows >= 0 && columns >= 0 && elements.count == rows * columns,
      "Matrix \(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
    self.rowCount = rows
    self.columnCount = columns
    self.type = Element.elementType
    if let doubles = elements as? [Double] {
      self.storage = doubles
      self.singleStorage = []
    } else {
      self.storage = []
      self.singleStorage = elements as! [Float]
    }
  }

  /// A `float64` matrix whose rows are the given arrays, which must all have the same length.
  ///
  /// - Parameter rowArrays: The rows, top to bottom.
  public init(_ rowArrays: [[Double]]) {
    let width = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == width }, "Matrix rows must all have \(width) elements")
    self.init(rows: rowArrays.count, columns: width, elements: rowArrays.flatMap { $0 })
  }

  /// The elements in row-major order, as `Double` (a `float32` matrix's widened exactly, in a new array).
  @inlinable public var elements: [Double] {
    switch type {
    case .float64: storage
    case .float32: singleStorage.map { Double($0) }
    }
  }

  /// The elements in row-major order, converted to `Element` (rounded to nearest when narrowing).
  ///
  /// - Parameter elementType: `Double.self` or `Float.self`.
  @inlinable public func elementArray<Element: MatrixElement>(as elementType: Element.Type) -> [Element] {
    switch type {
    case .float64: Element.self == Double.self ? storage as! [Element] : storage.map { Element($0) }
    case .float32: Element.self == Float.self ? singleStorage as! [Element] : singleStorage.map { Element($0) }
    }
  }

  /// The number of elements, `rows × columns`.
  @inlinable public var count: Int { rowCount * columnCount }

  /// The shape as `(rows, columns)`.
  @inlinable public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// The element at `row`, `column`, as `Double`; a value set in a `float32` matrix is rounded to nearest.
  @inlinable public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      switch type {
      case .float64: return storage[row * columns + column]
      case .float32: return Double(singleStorage[row * columns + column])
      }
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
      switch type {
      case .float64: storage[row * columns + column] = newValue
      case .float32: singleStorage[row * columns + column] = Float(newValue)
      }
    }
  }

  /// The elements of one row, as a new array of `Double`.
  ///
  /// - Parameter index: The row, from zero.
  public func row(_ index: Int) -> [Double] {
    precondition(index >= 0 && index < rows, "Row \(index) out of range for \(rows) rows")
    switch type {
    case .float64: return Array(storage[index * columns..<(index + 1) * columns])
    case .float32: return singleStorage[index * columns..<(index + 1) * columns].map { Double($0) }
    }
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
    switch type {
    case .float64: Self.resize(&storage, to: newCount)
    case .float32: Self.resize(&singleStorage, to: newCount)
    }
    rowCount = newRows
    columnCount = newColumns
  }

  /// Grows or shrinks `array` to `count` elements, appending zeros.
  @inlinable static func resize<Element: MatrixElement>(_ array: inout [Element], to count: Int) {
    if count < array.count {
      array.removeLast(array.count - count)
    } else if count > array.count {
      array.append(contentsOf: repeatElement(0, count: count - array.count))
    }
  }

  /// Sets every element to `value` (rounded to nearest for `float32`).
  ///
  /// - Parameter value: The value every element takes.
  @inlinable public mutating func fill(_ value: Double) {
    switch type {
    case .float64:
      storage.withUnsafeMutableBufferPointer { buffer in
        for index in buffer.indices { buffer[index] = value }
      }
    case .float32:
      let single = Float(value)
      singleStorage.withUnsafeMutableBufferPointer { buffer in
        for index in buffer.indices { buffer[index] = single }
      }
    }
  }

  /// This matrix with its elements in `elementType`: itself when it already has that type, otherwise a copy whose
  /// elements are widened exactly or rounded to nearest.
  ///
  /// - Parameter elementType: The type of the result's elements.
  @inlinable public func converted(to elementType: ElementType) -> Matrix {
    if elementType == type { return self }
    var result = Matrix(rows: 0, columns: 0, elementType: elementType)
    result.assign(self)
    return result
  }

  /// Calls `body` with a pointer to the elements of a `float64` matrix in row-major order.
  ///
  /// Stops with a message for a `float32` matrix: use ``withUnsafeBufferPointer(as:_:)`` with `Float.self`, or
  /// switch on ``elementType``.
  ///
  /// - Parameter body: Reads the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public func withUnsafeBufferPointer<Result>(
    _ body: (UnsafeBufferPointer<Double>) throws -> Result
  ) rethrows -> Result {
    requireElementType(.float64, "withUnsafeBufferPointer")
    return try storage.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with a mutable pointer to the elements of a `float64` matrix in row-major order; the shape
  /// cannot change.
  ///
  /// Stops with a message for a `float32` matrix: use ``withUnsafeMutableBufferPointer(as:_:)`` with `Float.self`.
  ///
  /// - Parameter body: Reads and writes the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public mutating func withUnsafeMutableBufferPointer<Result>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws -> Result
  ) rethrows -> Result {
    requireElementType(.float64, "withUnsafeMutableBufferPointer")
    return try storage.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// Calls `body` with a pointer to the elements in row-major order, as `Element`, which must be the matrix's own
  /// element type (checked).
  ///
  /// - Parameters:
  ///   - elementType: `Double.self` for a `float64` matrix, `Float.self` for a `float32` one.
  ///   - body: Reads the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public func withUnsafeBufferPointer<Element: MatrixElement, Result>(
    as elementType: Element.Type, _ body: (UnsafeBufferPointer<Element>) throws -> Result
  ) rethrows -> Result {
    requireElementType(Element.elementType, "withUnsafeBufferPointer(as:)")
    if Element.self == Double.self {
      return try storage.withUnsafeBufferPointer {
        try body(UnsafeRawBufferPointer($0).assumingMemoryBound(to: Element.self))
      }
    }
    return try singleStorage.withUnsafeBufferPointer {
      try body(UnsafeRawBufferPointer($0).assumingMemoryBound(to: Element.self))
    }
  }

  /// Calls `body` with a mutable pointer to the elements in row-major order, as `Element`, which must be the
  /// matrix's own element type (checked); the shape cannot change.
  ///
  /// - Parameters:
  ///   - elementType: `Double.self` for a `float64` matrix, `Float.self` for a `float32` one.
  ///   - body: Reads and writes the elements; the pointer is valid only during the call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  @inlinable public mutating func withUnsafeMutableBufferPointer<Element: MatrixElement, Result>(
    as elementType: Element.Type, _ body: (UnsafeMutableBufferPointer<Element>) throws -> Result
  ) rethrows -> Result {
    requireElementType(Element.elementType, "withUnsafeMutableBufferPointer(as:)")
    if Element.self == Double.self {
      return try storage.withUnsafeMutableBufferPointer {
        try body(UnsafeMutableRawBufferPointer($0).assumingMemoryBound(to: Element.self))
      }
    }
    return try singleStorage.withUnsafeMutableBufferPointer {
      try body(UnsafeMutableRawBufferPointer($0).assumingMemoryBound(to: Element.self))
    }
  }

  /// Stops with a message when the elements are not of `expected` type.
  ///
  /// - Parameters:
  ///   - expected: The element type the operation needs.
  ///   - operation: The name of the operation, for the message.
  @inlinable public func requireElementType(_ expected: ElementType, _ operation: StaticString) {
    precondition(
      type == expected,
      "\(operation): the matrix holds \(type) elements, \(expected) expected (convert with converted(to:))")
  }

  /// Stops with a message when `other` does not have this matrix's element type.
  ///
  /// - Parameters:
  ///   - other: The matrix to compare with.
  ///   - operation: The name of the operation, for the message.
  @inlinable public func requireSameElementType(as other: Matrix, _ operation: StaticString) {
    precondition(
      type == other.type, "\(operation): element types \(type) and \(other.type) differ (convert with converted(to:))")
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
    var lines = [type == .float64 ? "Matrix \(rows)×\(columns)" : "Matrix \(rows)×\(columns) \(type)"]
    for row in 0..<rows {
      lines.append(self.row(row).map { String($0) }.joined(separator: " "))
    }
    return lines.joined(separator: "\n")
  }
}

extension Matrix: Codable {
  private enum CodingKeys: String, CodingKey {
    case rows, columns, elements
    case elementType = "element_type"
  }

  /// Decodes a matrix written by ``encode(to:)``, checking that the element count matches the shape.
  ///
  /// - Parameter decoder: The decoder holding `rows`, `columns`, `elements` and, for `float32`, `element_type`.
  /// - Throws: `DecodingError` when a key is missing or `elements` does not hold `rows · columns` numbers.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rows = try container.decode(Int.self, forKey: .rows)
    let columns = try container.decode(Int.self, forKey: .columns)
    let elementType = try container.decodeIfPresent(ElementType.self, forKey: .elementType) ?? .float64
    guard rows >= 0, columns >= 0 else {
      throw DecodingError.dataCorruptedError(
        forKey: .rows, in: container, debugDescription: "a matrix shape must not be negative, got \(rows)×\(columns)")
    }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    func checked<Element: MatrixElement>(_ elements: [Element]) throws -> [Element] {
      guard !overflow, elements.count == count else {
        throw DecodingError.dataCorruptedError(
          forKey: .elements, in: container,
          debugDescription: "a \(rows)×\(columns) matrix needs \(rows)·\(columns) elements, found \(elements.count)")
      }
      return elements
    }
    switch elementType {
    case .float64:
      self.init(rows: rows, columns: columns, elements: try checked(container.decode([Double].self, forKey: .elements)))
    case .float32:
      self.init(rows: rows, columns: columns, elements: try checked(container.decode([Float].self, forKey: .elements)))
    }
  }

  /// Encodes the shape, the element type when it is `float32`, and the elements in row-major order.
  ///
  /// - Parameter encoder: The encoder receiving `rows`, `columns`, `element_type` (for `float32` only) and
  ///   `elements`.
  /// - Throws: The encoder's error.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rows, forKey: .rows)
    try container.encode(columns, forKey: .columns)
    switch type {
    case .float64: try container.encode(storage, forKey: .elements)
    case .float32:
      try container.encode(type, forKey: .elementType)
      try container.encode(singleStorage, forKey: .elements)
    }
  }
}
