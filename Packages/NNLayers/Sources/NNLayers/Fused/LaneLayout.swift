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
    _ source: UnsafePointer<Double>, rows: Int, width: Int, into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    let fullGroups = rows >> 3
    for group in 0..<fullGroups {
      let base = source + group &* 8 &* width
      let target = lanes + group &* width
      for column in 0..<width {
        target[column] = LaneVector(
          base[column], base[width &+ column], base[2 &* width &+ column], base[3 &* width &+ column],
          base[4 &* width &+ column], base[5 &* width &+ column], base[6 &* width &+ column],
          base[7 &* width &+ column])
      }
    }
    let remaining = rows &- fullGroups &* 8
    guard remaining > 0 else { return }
    let target = lanes + fullGroups &* width
    for column in 0..<width {
      var vector = LaneVector()
      for lane in 0..<8 {
        let row = fullGroups &* 8 &+ min(lane, remaining &- 1)
        vector[lane] = source[row &* width &+ column]
      }
      target[column] = vector
    }
  }

  /// Transposes gathered rows into lane layout: lane `l` of group `g` takes row `rowIndices[8g + l]` of `source`
  /// (the last index repeats in the padding lanes).
  ///
  /// - Parameters:
  ///   - source: Row-major values of the whole data set.
  ///   - width: The number of values in a row.
  ///   - rowIndices: The rows of the batch, each in range (checked by the caller).
  ///   - lanes: Receives `groups(rows: rowIndices.count) · width` lane vectors.
  @inline(__always)
  static func gather(
    _ source: UnsafePointer<Double>, width: Int, rows rowIndices: UnsafeBufferPointer<Int>,
    into lanes: UnsafeMutablePointer<LaneVector>
  ) {
    let rows = rowIndices.count
    let indices = rowIndices.baseAddress!
    let last = rows &- 1
    for group in 0..<groups(rows: rows) {
      let first = group &* 8
      @inline(__always) func row(_ lane: Int) -> UnsafePointer<Double> {
        source + indices[min(first &+ lane, last)] &* width
      }
      let rowsOfGroup: InlineArray<8, UnsafePointer<Double>> = [
        row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7),
      ]
      let target = lanes + group &* width
      var column = 0
      // Four columns at a time: one 32-byte load per row, then a transposition in registers.
      while width &- column >= 4 {
        let quarters = InlineArray<8, SIMD4<Double>> {
          UnsafeRawPointer(rowsOfGroup[$0] + column).loadUnaligned(as: SIMD4<Double>.self)
        }
        for offset in 0..<4 {
          target[column &+ offset] = LaneVector(
            quarters[0][offset], quarters[1][offset], quarters[2][offset], quarters[3][offset],
            quarters[4][offset], quarters[5][offset], quarters[6][offset], quarters[7][offset])
        }
        column &+= 4
      }
      while column < width {
        target[column] = LaneVector(
          rowsOfGroup[0][column], rowsOfGroup[1][column], rowsOfGroup[2][column], rowsOfGroup[3][column],
          rowsOfGroup[4][column], rowsOfGroup[5][column], rowsOfGroup[6][column], rowsOfGroup[7][column])
        column &+= 1
      }
    }
  }
}
