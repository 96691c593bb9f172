@_spi(Internals) import NNCore

/// Eight samples side by side: lane `l` of a `LaneVector` belongs to sample `8·g + l` of group `g`.
///
/// The fused kernel stores a batch of `N` rows of width `w` as `⌈N/8⌉ · w` lane vectors, group after group:
/// ```
/// lanes[g·w + k][l] = rows[8·g + l][k]        (for 8·g + l < N)
/// ```
/// Lanes past the end of the batch (the tail of the last group) hold a copy of the batch's last row, so they
/// compute finite values wherever the real rows do; the loss masks them out (gradient zero, loss zero).
typealias LaneVector = SIMD8<Double>

/// Moving whole batches between row-major matrices and the lane layout.
enum LaneLayout {
  /// The number of groups of eight that hold `rows` rows: `⌈rows / 8⌉`.
  @inline(__always) static func groups(rows: Int) -> Int { (rows &+ 7) >> 3 }

  /// The samples in a lane vector of `elementType`: eight `Double`s or sixteen `Float`s (64 bytes either way).
  ///
  /// - Parameter elementType: The network's element type.
  static func lanes(_ elementType: ElementType) -> Int { elementType == .float64 ? 8 : 16 }

  /// The number of groups of `2^shift` samples that hold `rows` rows: `⌈rows / 2^shift⌉` (shift 3 for `float64`
  /// lanes, 4 for `float32`).
  ///
  /// - Parameters:
  ///   - rows: The number of rows.
  ///   - shift: The base-2 logarithm of the samples in a lane vector.
  @inline(__always) static func groups(rows: Int, shift: Int) -> Int {
    (rows &+ (1 &<< shift) &- 1) &>> shift
  }

  /// Which lanes of group `group` hold real rows of a batch of `rows` rows (all but the tail's padding).
  ///
  /// - Parameters:
  ///   - group: The group, from zero.
  ///   - rows: The number of rows in the batch.
  @inline(__always) static func validLanes(group: Int, rows: Int) -> SIMDMask<SIMD8<Int64>> {
    SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7) .< SIMD8<Int64>(repeating: Int64(rows &- group &* 8))
  }

  /// Transposes `rows` rows of `width` values into lane layout, `lanes[g·width + k][l] = source[(8g + l)·width + k]`,
  /// or, given row indices, `source[rowIndices[8g + l]·width + k]`, repeating the last row in the padding lanes of
  /// the final group (in C, ``/NNCore/KernelTable``, with code compiled for each width from 1 to 4: the usual inputs
  /// and targets of the small networks the kernel is for).
  ///
  /// - Parameters:
  ///   - source: Row-major values: `rows · width` of them, or the whole data set the indices point into.
  ///   - rows: The number of rows, at least 1.
  ///   - width: The number of values in a row.
  ///   - rowIndices: `rows` row indices into `source` (each in range, checked by the caller), or `nil` for rows
  ///     `0..<rows`.
  ///   - lanes: Receives `groups(rows:) · width` lane vectors.
  ///   - kernels: The C kernels.
  static func load(
    _ source: UnsafeBufferPointer<Double>, rows: Int, width: Int, rowIndices: UnsafePointer<Int>? = nil,
    into lanes: UnsafeMutablePointer<LaneVector>, kernels: KernelTable
  ) {
    kernels.table.pointee.gatherRows(source.baseAddress, width, rowIndices, rows, lanes)
  }

  /// Transposes `rows` rows back out of lane layout, `destination[(8g + l)·width + k] = lanes[g·width + k][l]`
  /// for the real rows (the padding lanes are dropped).
  ///
  /// - Parameters:
  ///   - lanes: `groups(rows:) · width` lane vectors.
  ///   - rows: The number of real rows.
  ///   - width: The number of values in a row.
  ///   - destination: Receives `rows · width` row-major values.
  static func unload(
    _ lanes: UnsafePointer<LaneVector>, rows: Int, width: Int, into destination: UnsafeMutablePointer<Double>
  ) {
    for row in 0..<rows {
      let group = lanes + (row >> 3) &* width
      let lane = row & 7
      for column in 0..<width { destination[row &* width &+ column] = group[column][lane] }
    }
  }

  /// Transposes `rows` rows of `float32` values into lanes of sixteen,
  /// `lanes[g·width + k][l] = source[(16g + l)·width + k]`, repeating the last row in the padding lanes (in C).
  ///
  /// - Parameters:
  ///   - source: Row-major values, `rows · width` of them.
  ///   - rows: The number of rows, at least 1, or the rows' indices in `source` (each in range) when
  ///     `rowIndices` is given.
  ///   - width: The number of values in a row.
  ///   - rowIndices: The rows of the batch, or `nil` for rows `0..<rows`.
  ///   - lanes: Receives `⌈rows / 16⌉ · width` lane vectors.
  ///   - kernels: The C kernels.
  static func loadFloat(
    _ source: UnsafeBufferPointer<Float>, rows: Int, width: Int, rowIndices: UnsafePointer<Int>?,
    into lanes: UnsafeMutablePointer<LaneVector>, kernels: KernelTable
  ) {
    kernels.floatTable.pointee.gatherRows(source.baseAddress, width, rowIndices, rows, lanes)
  }

  /// Transposes `rows` rows back out of lanes of sixteen `float32` values,
  /// `destination[(16g + l)·width + k] = lanes[g·width + k][l]`, for the real rows.
  ///
  /// - Parameters:
  ///   - lanes: `⌈rows / 16⌉ · width` lane vectors of sixteen floats.
  ///   - rows: The number of real rows.
  ///   - width: The number of values in a row.
  ///   - destination: Receives `rows · width` row-major values.
  static func unloadFloat(
    _ lanes: UnsafePointer<LaneVector>, rows: Int, width: Int, into destination: UnsafeMutablePointer<Float>
  ) {
    let bytes = UnsafeRawPointer(lanes)
    let vector = MemoryLayout<LaneVector>.stride
    for row in 0..<rows {
      let group = (row >> 4) &* width
      let lane = row & 15
      for column in 0..<width {
        destination[row &* width &+ column] = bytes.load(
          fromByteOffset: (group &+ column) &* vector &+ lane &* MemoryLayout<Float>.stride, as: Float.self)
      }
    }
  }
}
