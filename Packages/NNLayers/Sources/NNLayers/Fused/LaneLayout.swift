import NNCore

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

  /// Which lanes of group `group` hold real rows of a batch of `rows` rows (all but the tail's padding).
  ///
  /// - Parameters:
  ///   - group: The group, from zero.
  ///   - rows: The number of rows in the batch.
  @inline(__always) static func validLanes(group: Int, rows: Int) -> SIMDMask<SIMD8<Int64>> {
    SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7) .< SIMD8<Int64>(repeating: Int64(rows &- group &* 8))
  }

  /// Transposes `rows` rows of `width` values into lane layout, `lanes[g·width + k][l] = source[(8g + l)·width + k]`,
  /// repeating the last row in the padding lanes of the final group.
  ///
  /// - Parameters:
  ///   - source: Row-major values, `rows · width` of them.
  ///   - rows: The number of rows, at least 1.
  ///   - width: The number of values in a row.
  ///   - lanes: Receives `groups(rows:) · width` lane vectors.
  @inline(__always)
  static func load(
    _ source: UnsafeBufferPointer<Double>, rows: Int, width: Int, into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    transposeGroups(source, rows: rows, width: width, into: lanes) { $0 &* width }
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

  /// Transposes gathered rows into lane layout: lane `l` of group `g` takes row `rowIndices[8g + l]` of `source`
  /// (the last index repeats in the padding lanes).
  ///
  /// Widths 1 to 4 (the usual inputs and targets of the small networks the kernel is for) run code compiled for
  /// their constant width, where a row's position is a shift or an address computation rather than a
  /// multiplication and every loop over columns is unrolled: on the iris batch (64 rows, inputs of width 4,
  /// targets of width 3) a gather went from 21 to 14 cycles per group of eight rows for the inputs and from 25 to
  /// 17 for the targets, measured alone.
  ///
  /// - Parameters:
  ///   - source: Row-major values of the whole data set.
  ///   - width: The number of values in a row.
  ///   - rowIndices: The rows of the batch, each in range (checked by the caller).
  ///   - lanes: Receives `groups(rows: rowIndices.count) · width` lane vectors.
  @inline(__always)
  static func gather(
    _ source: UnsafeBufferPointer<Double>, width: Int, rows rowIndices: UnsafeBufferPointer<Int>,
    into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    switch width {
    case 1: gather(source, constantWidth: LaneBlock1.self, rows: rowIndices, into: lanes)
    case 2: gather(source, constantWidth: LaneBlock2.self, rows: rowIndices, into: lanes)
    case 3: gather(source, constantWidth: LaneBlock3.self, rows: rowIndices, into: lanes)
    case 4: gather(source, constantWidth: LaneBlock4.self, rows: rowIndices, into: lanes)
    default: gatherRows(source, width: width, rows: rowIndices, into: lanes)
    }
  }

  /// ``gather(_:width:rows:into:)`` for a width fixed when the code is compiled (a ``LaneBlock`` type): a distinct
  /// specialisation for each width. (Calls with a literal width instead were merged by the optimiser into one call
  /// of the general code, which ran for every width.)
  ///
  /// - Parameters:
  ///   - source: Row-major values of the whole data set.
  ///   - constantWidth: The number of values in a row.
  ///   - rowIndices: The rows of the batch, each in range (checked by the caller).
  ///   - lanes: Receives `groups(rows: rowIndices.count) · Width.width` lane vectors.
  @inline(__always)
  private static func gather<Width: LaneBlock>(
    _ source: UnsafeBufferPointer<Double>, constantWidth: Width.Type, rows rowIndices: UnsafeBufferPointer<Int>,
    into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    gatherRows(source, width: Width.width, rows: rowIndices, into: lanes)
  }

  /// ``gather(_:width:rows:into:)`` for any width, inlined into each caller.
  ///
  /// - Parameters:
  ///   - source: Row-major values of the whole data set.
  ///   - width: The number of values in a row.
  ///   - rowIndices: The rows of the batch, each in range (checked by the caller).
  ///   - lanes: Receives `groups(rows: rowIndices.count) · width` lane vectors.
  @inline(__always)
  private static func gatherRows(
    _ source: UnsafeBufferPointer<Double>, width: Int, rows rowIndices: UnsafeBufferPointer<Int>,
    into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    let indices = rowIndices.baseAddress!
    transposeGroups(source, rows: rowIndices.count, width: width, into: lanes) { indices[$0] &* width }
  }

  /// Writes the groups of a batch of `rows` rows in lane layout, lane `l` of group `g` taking the row at
  /// `rowOffset(8g + l)` in `source` (the last row repeats in the padding lanes of the final group).
  ///
  /// - Parameters:
  ///   - source: Row-major values.
  ///   - rows: The number of rows in the batch, at least 1.
  ///   - width: The number of values in a row.
  ///   - lanes: Receives `groups(rows:) · width` lane vectors.
  ///   - rowOffset: The position in `source` of the batch's row `i`, for `i < rows`.
  @inline(__always)
  private static func transposeGroups(
    _ source: UnsafeBufferPointer<Double>, rows: Int, width: Int, into lanes: UnsafeMutablePointer<LaneVector>,
    rowOffset: (Int) -> Int
  ) {
    // Full groups apart from the last, partial one: their offsets need no clamping.
    let fullGroups = rows >> 3
    for group in 0..<fullGroups {
      let first = group &* 8
      transpose(
        source, rowOffsets: InlineArray { rowOffset(first &+ $0) }, width: width, into: lanes + group &* width)
    }
    guard fullGroups &* 8 < rows else { return }
    let first = fullGroups &* 8
    let last = rows &- 1
    transpose(
      source, rowOffsets: InlineArray { rowOffset(min(first &+ $0, last)) }, width: width,
      into: lanes + fullGroups &* width)
  }

  /// Writes one group in lane layout, `target[k][l] = source[rowOffsets[l] + k]` for `k < width`.
  ///
  /// Four columns at a time: one 32-byte load per row, then an in-register transposition of the 8 × 4 block
  /// (``transposed(_:)``). When `width` is not a multiple of four, the last block reads past the end of each row,
  /// into the next one; it does so only when every row of the group has those values after it in `source` (all
  /// but the source's last row), and otherwise finishes the row one column at a time. Whole blocks are stored
  /// without tests, and only the batch's last group clamps its row positions. On the iris step (inputs of width 4,
  /// targets of width 3, 64 rows) the gathers went from 8.6% of a step's profile (about 44 cycles per group of
  /// eight input rows, the transposition done by element inserts) to 7.5% with the blocks, the step 2% faster,
  /// then to 7.1% without the tests and clamps, another 1% (medians of 21 interleaved runs).
  ///
  /// - Parameters:
  ///   - source: Row-major values.
  ///   - rowOffsets: The position in `source` of each lane's row.
  ///   - width: The number of values in a row.
  ///   - target: Receives `width` lane vectors.
  @inline(__always)
  private static func transpose(
    _ source: UnsafeBufferPointer<Double>, rowOffsets offsets: InlineArray<8, Int>, width: Int,
    into target: UnsafeMutablePointer<LaneVector>
  ) {
    let base = source.baseAddress!
    /// Columns `column..<column + 4` of the group's rows, transposed.
    @inline(__always) func block(at column: Int) -> InlineArray<4, LaneVector> {
      transposed(
        InlineArray<8, SIMD4<Double>> {
          UnsafeRawPointer(base + (offsets[$0] &+ column)).loadUnaligned(as: SIMD4<Double>.self)
        })
    }
    var column = 0
    while column &+ 4 <= width {
      let columns = block(at: column)
      for offset in 0..<4 { target[column &+ offset] = columns[offset] }
      column &+= 4
    }
    let remaining = width &- column
    guard remaining > 0 else { return }
    var highest = offsets[0]
    for lane in 1..<8 { highest = max(highest, offsets[lane]) }
    if highest &+ column &+ 4 <= source.count {
      let columns = block(at: column)
      target[column] = columns[0]
      if remaining > 1 { target[column &+ 1] = columns[1] }
      if remaining > 2 { target[column &+ 2] = columns[2] }
      return
    }
    while column < width {
      target[column] = LaneVector(
        base[offsets[0] &+ column], base[offsets[1] &+ column], base[offsets[2] &+ column],
        base[offsets[3] &+ column], base[offsets[4] &+ column], base[offsets[5] &+ column],
        base[offsets[6] &+ column], base[offsets[7] &+ column])
      column &+= 1
    }
  }

  /// The transpose of eight rows of four values: lane vector `k` holds value `k` of every row,
  /// `result[k][l] = rows[l][k]`.
  ///
  /// Three stages of two-source shuffles: pairs of rows side by side (`r₀ r₁`, …), then the even and the odd
  /// values of two pairs (`r₀[0] r₀[2] r₁[0] r₁[2] r₂[0] …`), then the even and the odd values of those, which are
  /// the columns. The compiler merges the stages into shuffles of its own choosing; written as an unpack within
  /// 128-bit lanes followed by a choice of lanes instead, they became chains of six dependent two-source permutes
  /// per column.
  ///
  /// - Parameter rows: Eight rows of four values.
  @inline(__always)
  static func transposed(_ rows: InlineArray<8, SIMD4<Double>>) -> InlineArray<4, LaneVector> {
    let pairs = InlineArray<4, LaneVector> { LaneVector(lowHalf: rows[2 &* $0], highHalf: rows[2 &* $0 &+ 1]) }
    let even = InlineArray<2, LaneVector> {
      LaneVector(lowHalf: pairs[2 &* $0].evenHalf, highHalf: pairs[2 &* $0 &+ 1].evenHalf)
    }
    let odd = InlineArray<2, LaneVector> {
      LaneVector(lowHalf: pairs[2 &* $0].oddHalf, highHalf: pairs[2 &* $0 &+ 1].oddHalf)
    }
    return [
      LaneVector(lowHalf: even[0].evenHalf, highHalf: even[1].evenHalf),
      LaneVector(lowHalf: odd[0].evenHalf, highHalf: odd[1].evenHalf),
      LaneVector(lowHalf: even[0].oddHalf, highHalf: even[1].oddHalf),
      LaneVector(lowHalf: odd[0].oddHalf, highHalf: odd[1].oddHalf),
    ]
  }
}
