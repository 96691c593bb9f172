extension Matrix {
  /// Multiplies every element by `factor`, in place: `x ← factor · x`.
  ///
  /// - Parameter factor: The scale.
  @inlinable public mutating func scale(by factor: Double) {
    withUnsafeMutableBufferPointer { buffer in
      for index in buffer.indices { buffer[index] *= factor }
    }
  }

  /// Adds `factor · other` to this matrix, in place: `x ← x + factor · y` (BLAS `axpy`).
  ///
  /// - Parameters:
  ///   - other: A matrix of the same shape.
  ///   - factor: The scale of `other`.
  @inlinable public mutating func add(_ other: Matrix, scaledBy factor: Double = 1) {
    requireSameShape(as: other, "add")
    other.withUnsafeBufferPointer { source in
      withUnsafeMutableBufferPointer { target in
        for index in target.indices { target[index] += factor * source[index] }
      }
    }
  }

  /// Adds `vector` (a 1×columns matrix) to every row, in place: `x[i][j] ← x[i][j] + v[j]`.
  ///
  /// - Parameter vector: One row with this matrix's column count.
  @inlinable public mutating func addToEachRow(_ vector: Matrix) {
    precondition(
      vector.rows == 1 && vector.columns == columns,
      "addToEachRow: expected a 1×\(columns) row, got \(vector.rows)×\(vector.columns)")
    let width = columns
    vector.withUnsafeBufferPointer { source in
      withUnsafeMutableBufferPointer { target in
        var offset = 0
        while offset < target.count {
          for column in 0..<width { target[offset + column] += source[column] }
          offset += width
        }
      }
    }
  }

  /// Writes the sum of each column into `result` (a 1×columns matrix): `r[j] = Σᵢ x[i][j]`.
  ///
  /// - Parameters:
  ///   - result: One row with this matrix's column count; its old contents are replaced.
  ///   - accumulate: When `true`, adds the sums to `result` instead of replacing it.
  @inlinable public func sumColumns(into result: inout Matrix, accumulate: Bool = false) {
    precondition(
      result.rows == 1 && result.columns == columns,
      "sumColumns: expected a 1×\(columns) result, got \(result.rows)×\(result.columns)")
    let width = columns
    withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { target in
        if !accumulate { for column in 0..<width { target[column] = 0 } }
        var offset = 0
        while offset < source.count {
          for column in 0..<width { target[column] += source[offset + column] }
          offset += width
        }
      }
    }
  }

  /// Copies `source`'s elements into this matrix, which takes `source`'s shape (reusing memory).
  ///
  /// - Parameter source: The matrix to copy.
  @inlinable public mutating func assign(_ source: Matrix) {
    resize(rows: source.rows, columns: source.columns)
    source.withUnsafeBufferPointer { from in
      withUnsafeMutableBufferPointer { to in
        for index in to.indices { to[index] = from[index] }
      }
    }
  }

  /// Copies the given rows of `source`, in order, into this matrix, which becomes `indices.count × columns`.
  ///
  /// Used to gather a mini-batch without allocating: `x[k] ← source[indices[k]]`.
  ///
  /// - Parameters:
  ///   - source: The matrix to gather from.
  ///   - indices: Row numbers of `source`, each in `0..<source.rows`.
  @inlinable public mutating func gatherRows(of source: Matrix, at indices: UnsafeBufferPointer<Int>) {
    let width = source.columns
    resize(rows: indices.count, columns: width)
    source.withUnsafeBufferPointer { from in
      withUnsafeMutableBufferPointer { to in
        for (position, row) in indices.enumerated() {
          precondition(row >= 0 && row < source.rows, "gatherRows: row \(row) out of range")
          let fromOffset = row * width
          let toOffset = position * width
          for column in 0..<width { to[toOffset + column] = from[fromOffset + column] }
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

  /// The sum of all elements.
  public func sum() -> Double { storage.reduce(0, +) }

  /// The largest absolute value of the elements (zero for an empty matrix).
  public func maximumMagnitude() -> Double { storage.reduce(0) { max($0, abs($1)) } }
}
