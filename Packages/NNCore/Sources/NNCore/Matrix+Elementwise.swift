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
        ProductTeam.forEachRange(count: rows, grain: grain) { range in
          for row in range {
            let offset = row * width
            for column in 0..<width { target[offset + column] += source[column] }
          }
        }
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
        ProductTeam.forEachRange(count: width, grain: grain) { columns in
          if !accumulate { for column in columns { target[column] = 0 } }
          var offset = 0
          while offset < source.count {
            for column in columns { target[column] += source[offset + column] }
            offset += width
          }
        }
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
    source.withUnsafeBufferPointer { from in
      target.withUnsafeMutableBufferPointer { to in
        for (position, row) in indices.enumerated() {
          precondition(row >= 0 && row < sourceRows, "gatherRows: row \(row) out of range")
          let fromOffset = row * width
          let toOffset = position * width
          if width > 0 { copy(from.baseAddress! + fromOffset, to: to.baseAddress! + toOffset, count: width) }
        }
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
