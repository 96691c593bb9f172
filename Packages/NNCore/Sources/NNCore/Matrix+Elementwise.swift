extension Matrix {
  /// Multiplies every element by `factor`, in place: `x ← factor · x`.
  ///
  /// - Parameter factor: The scale (rounded to the element type).
  @inlinable public mutating func scale(by factor: Double) {
    switch elementType {
    case .float64: Self.scale(&storage, by: factor)
    case .float32: Self.scale(&singleStorage, by: Float(factor))
    }
  }

  @inlinable static func scale<Element: MatrixElement>(_ array: inout [Element], by factor: Element) {
    array.withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] *= factor }
    }
  }

  /// Adds `factor · other` to this matrix, in place: `x ← x + factor · y` (BLAS `axpy`).
  ///
  /// - Parameters:
  ///   - other: A matrix of the same shape and element type.
  ///   - factor: The scale of `other`.
  @inlinable public mutating func add(_ other: Matrix, scaledBy factor: Double = 1) {
    requireSameShape(as: other, "add")
    requireSameElementType(as: other, "add")
    switch elementType {
    case .float64: Self.add(other.storage, scaledBy: factor, to: &storage)
    case .float32: Self.add(other.singleStorage, scaledBy: Float(factor), to: &singleStorage)
    }
  }

  @inlinable static func add<Element: MatrixElement>(
    _ source: [Element], scaledBy factor: Element, to target: inout [Element]
  ) {
    source.withUnsafeBufferPointer { source in
      target.withUnsafeMutableBufferPointer { target in
        for index in target.indices { target[index] += factor * source[index] }
      }
    }
  }

  /// Adds `vector` (a 1×columns matrix) to every row, in place: `x[i][j] ← x[i][j] + v[j]`.
  ///
  /// - Parameter vector: One row with this matrix's column count and element type.
  @inlinable public mutating func addToEachRow(_ vector: Matrix) {
    precondition(
      vector.rows == 1 && vector.columns == columns,
      "addToEachRow: expected a 1×\(columns) row, got \(vector.rows)×\(vector.columns)")
    requireSameElementType(as: vector, "addToEachRow")
    switch elementType {
    case .float64: Self.addToEachRow(vector.storage, width: columns, of: &storage)
    case .float32: Self.addToEachRow(vector.singleStorage, width: columns, of: &singleStorage)
    }
  }

  @inlinable static func addToEachRow<Element: MatrixElement>(
    _ vector: [Element], width: Int, of target: inout [Element]
  ) {
    vector.withUnsafeBufferPointer { source in
      target.withUnsafeMutableBufferPointer { target in
        let rows = width > 0 ? target.count / width : 0
        let grain = max(1, ProductTeam.elementwiseGrain / max(width, 1))
        ProductTeam.forEachRange(count: rows, grain: grain, RowAddition(vector: source, target: target, width: width))
      }
    }
  }

  /// Writes the sum of each column into `result` (a 1×columns matrix): `r[j] = Σᵢ x[i][j]`.
  ///
  /// - Parameters:
  ///   - result: One row with this matrix's column count and element type; its old contents are replaced.
  ///   - accumulate: When `true`, adds the sums to `result` instead of replacing it.
  @inlinable public func sumColumns(into result: inout Matrix, accumulate: Bool = false) {
    precondition(
      result.rows == 1 && result.columns == columns,
      "sumColumns: expected a 1×\(columns) result, got \(result.rows)×\(result.columns)")
    requireSameElementType(as: result, "sumColumns")
    switch elementType {
    case .float64: Self.sumColumns(of: storage, width: columns, into: &result.storage, accumulate: accumulate)
    case .float32:
      Self.sumColumns(of: singleStorage, width: columns, into: &result.singleStorage, accumulate: accumulate)
    }
  }

  @inlinable static func sumColumns<Element: MatrixElement>(
    of source: [Element], width: Int, into target: inout [Element], accumulate: Bool
  ) {
    source.withUnsafeBufferPointer { source in
      target.withUnsafeMutableBufferPointer { target in
        // Columns apart: each column is summed over the rows in order, whichever thread sums it.
        let rows = width > 0 ? source.count / width : 0
        let grain = max(64, ProductTeam.elementwiseGrain / max(rows, 1))
        ProductTeam.forEachRange(
          count: width, grain: grain, ColumnSums(source: source, target: target, width: width, accumulate: accumulate))
      }
    }
  }

  /// Copies `source`'s elements into this matrix, which takes `source`'s shape (reusing memory) and keeps its own
  /// element type: elements of another type are widened exactly or rounded to nearest.
  ///
  /// - Parameter source: The matrix to copy.
  @inlinable public mutating func assign(_ source: Matrix) {
    resize(rows: source.rows, columns: source.columns)
    switch (source.elementType, elementType) {
    case (.float64, .float64): Self.convert(source.storage, into: &storage)
    case (.float64, .float32): Self.convert(source.storage, into: &singleStorage)
    case (.float32, .float64): Self.convert(source.singleStorage, into: &storage)
    case (.float32, .float32): Self.convert(source.singleStorage, into: &singleStorage)
    }
  }

  @inlinable static func convert<Source: MatrixElement, Target: MatrixElement>(
    _ source: [Source], into target: inout [Target]
  ) {
    source.withUnsafeBufferPointer { from in
      target.withUnsafeMutableBufferPointer { to in copy(from.baseAddress, to: to.baseAddress, count: to.count) }
    }
  }

  /// Copies `count` elements from `source` to `target`, converting them when the types differ (widening exactly,
  /// rounding to nearest) and moving the bytes when they do not; nothing when either address is missing (an empty
  /// array has none).
  @inlinable static func copy<Source: MatrixElement, Target: MatrixElement>(
    _ source: UnsafePointer<Source>?, to target: UnsafeMutablePointer<Target>?, count: Int
  ) {
    guard let source, let target else { return }
    if Source.self == Target.self {
      UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * MemoryLayout<Source>.stride)
    } else {
      for index in 0..<count { target[index] = Target(source[index]) }
    }
  }

  /// Copies the given rows of `source`, in order, into this matrix, which becomes `indices.count × columns` and
  /// keeps its own element type (converting as ``assign(_:)`` does).
  ///
  /// Used to gather a mini-batch without allocating: `x[k] ← source[indices[k]]`.
  ///
  /// - Parameters:
  ///   - source: The matrix to gather from.
  ///   - indices: Row numbers of `source`, each in `0..<source.rows`.
  @inlinable public mutating func gatherRows(of source: Matrix, at indices: UnsafeBufferPointer<Int>) {
    let width = source.columns
    resize(rows: indices.count, columns: width)
    switch (source.elementType, elementType) {
    case (.float64, .float64): Self.gather(source.storage, rows: source.rows, width: width, at: indices, into: &storage)
    case (.float64, .float32):
      Self.gather(source.storage, rows: source.rows, width: width, at: indices, into: &singleStorage)
    case (.float32, .float64):
      Self.gather(source.singleStorage, rows: source.rows, width: width, at: indices, into: &storage)
    case (.float32, .float32):
      Self.gather(source.singleStorage, rows: source.rows, width: width, at: indices, into: &singleStorage)
    }
  }

  @inlinable static func gather<Source: MatrixElement, Target: MatrixElement>(
    _ source: [Source], rows sourceRows: Int, width: Int, at indices: UnsafeBufferPointer<Int>,
    into target: inout [Target]
  ) {
    guard width > 0 else {
      for row in indices { precondition(row >= 0 && row < sourceRows, "gatherRows: row \(row) out of range") }
      return
    }
    source.withUnsafeBufferPointer { from in
      target.withUnsafeMutableBufferPointer { to in
        // Ranges of rows shared by the threads asked for, when the batch is large (an elementwise pass).
        ProductTeam.forEachRange(
          count: indices.count, grain: max(1, ProductTeam.elementwiseGrain / width),
          RowGathering(
            source: from.baseAddress!, sourceRows: sourceRows, target: to.baseAddress!, width: width,
            indices: indices))
      }
    }
  }

  /// The index of the largest element of each row (the first one on ties).
  public func argmaxOfRows() -> [Int] {
    (0..<rows).map { row in
      var best = 0
      for column in 1..<max(columns, 1) where self[row, column] > self[row, best] { best = column }
      return best
    }
  }

  /// The sum of all elements, accumulated in `Double`.
  public func sum() -> Double {
    switch elementType {
    case .float64: storage.reduce(0, +)
    case .float32: singleStorage.reduce(0) { $0 + Double($1) }
    }
  }

  /// The largest absolute value of the elements (zero for an empty matrix).
  public func maximumMagnitude() -> Double {
    switch elementType {
    case .float64: storage.reduce(0) { max($0, abs($1)) }
    case .float32: Double(singleStorage.reduce(0) { max($0, abs($1)) })
    }
  }
}

extension Matrix {
  /// Copies the elements, in row-major order and widened to `Double`, to `target`.
  ///
  /// - Parameter target: Room for ``count`` values.
  @inlinable public func copyElements(into target: UnsafeMutablePointer<Double>) {
    switch elementType {
    case .float64: storage.withUnsafeBufferPointer { Self.copy($0.baseAddress, to: target, count: $0.count) }
    case .float32: singleStorage.withUnsafeBufferPointer { Self.copy($0.baseAddress, to: target, count: $0.count) }
    }
  }

  /// Replaces the elements with ``count`` values read from `source` in row-major order (rounded to nearest for a
  /// `float32` matrix).
  ///
  /// - Parameter source: ``count`` values.
  @inlinable public mutating func loadElements(from source: UnsafePointer<Double>) {
    switch elementType {
    case .float64: storage.withUnsafeMutableBufferPointer { Self.copy(source, to: $0.baseAddress, count: $0.count) }
    case .float32:
      singleStorage.withUnsafeMutableBufferPointer { Self.copy(source, to: $0.baseAddress, count: $0.count) }
    }
  }
}

/// `target[row] += vector` for the rows of a range: ``Matrix/addToEachRow(_:)`` on a range of rows.
@usableFromInline struct RowAddition<Element: MatrixElement>: ElementwisePassBody {
  @usableFromInline let vector: UnsafeBufferPointer<Element>
  @usableFromInline let target: UnsafeMutableBufferPointer<Element>
  @usableFromInline let width: Int

  /// Adds `vector` to the rows of `target`, rows of `width` elements.
  @inlinable init(vector: UnsafeBufferPointer<Element>, target: UnsafeMutableBufferPointer<Element>, width: Int) {
    self.vector = vector
    self.target = target
    self.width = width
  }

  @inlinable func run(_ range: Range<Int>) {
    // Row pointers rather than `row * width + column` subscripts: no overflow test in the inner loop, so it is
    // vectorised.
    guard let vector = vector.baseAddress, let target = target.baseAddress else { return }
    for row in range {
      let destination = target + row * width
      for column in 0..<width { destination[column] += vector[column] }
    }
  }
}

/// `target[j] (+)= Σᵢ source[i][j]` for the columns `j` of a range, each summed over the rows in order:
/// ``Matrix/sumColumns(into:accumulate:)`` on a range of columns.
@usableFromInline struct ColumnSums<Element: MatrixElement>: ElementwisePassBody {
  @usableFromInline let source: UnsafeBufferPointer<Element>
  @usableFromInline let target: UnsafeMutableBufferPointer<Element>
  @usableFromInline let width: Int
  @usableFromInline let accumulate: Bool

  /// Sums the columns of `source` (rows of `width`) into `target`, or adds the sums to it.
  @inlinable init(
    source: UnsafeBufferPointer<Element>, target: UnsafeMutableBufferPointer<Element>, width: Int, accumulate: Bool
  ) {
    self.source = source
    self.target = target
    self.width = width
    self.accumulate = accumulate
  }

  @inlinable func run(_ columns: Range<Int>) {
    guard let sums = target.baseAddress.map({ $0 + columns.lowerBound }) else { return }
    let count = columns.count
    if !accumulate { sums.update(repeating: 0, count: count) }
    guard let first = source.baseAddress.map({ $0 + columns.lowerBound }), width > 0 else { return }
    // Row pointers, as in `RowAddition`: the inner loop is vectorised; each column still adds its rows in order.
    for row in 0..<(source.count / width) {
      let values = first + row * width
      for column in 0..<count { sums[column] += values[column] }
    }
  }
}

/// `target[k] ← source[indices[k]]` (converted) for the positions `k` of a range: ``Matrix/gatherRows(of:at:)`` on
/// a range of rows.
@usableFromInline struct RowGathering<Source: MatrixElement, Target: MatrixElement>: ElementwisePassBody {
  @usableFromInline let source: UnsafePointer<Source>
  @usableFromInline let sourceRows: Int
  @usableFromInline let target: UnsafeMutablePointer<Target>
  @usableFromInline let width: Int
  @usableFromInline let indices: UnsafeBufferPointer<Int>

  /// Gathers the rows `indices` of `source` (`sourceRows` rows of `width`) into `target`.
  @inlinable init(
    source: UnsafePointer<Source>, sourceRows: Int, target: UnsafeMutablePointer<Target>, width: Int,
    indices: UnsafeBufferPointer<Int>
  ) {
    self.source = source
    self.sourceRows = sourceRows
    self.target = target
    self.width = width
    self.indices = indices
  }

  @inlinable func run(_ range: Range<Int>) {
    for position in range {
      let row = indices[position]
      precondition(row >= 0 && row < sourceRows, "gatherRows: row \(row) out of range")
      Matrix.copy(source + row * width, to: target + position * width, count: width)
    }
  }
}
