@_spi(Internals) import NNCore
import Testing

@testable import NNLayers

/// The transposition of `float32` batches into lanes of sixteen against the definition, element by element, by the
/// float32 kernels of every instruction set this CPU runs: every width (those gathered by shuffles, 2 to 4, and the
/// others), groups with and without the source's first row (rows of three are read differently without it), batches
/// with and without a partial last group, and gathers that include the source's last row.
@Suite("Float lane layout")
struct FloatLaneLayoutTests {
  /// A source whose value at row `r`, column `k` is `1000 r + k + 1`: every element distinct, non-zero and exact.
  private func source(rows: Int, width: Int) -> [Float] {
    (0..<rows * width).map { Float(1000 * ($0 / width) + $0 % width + 1) }
  }

  /// Every lane against `source[rows[min(16g + l, N − 1)]][k]`; returns the number of mismatches.
  ///
  /// - Parameters:
  ///   - lanes: The lane vectors, sixteen floats each.
  ///   - source: The row-major source.
  ///   - width: The number of values in a row.
  ///   - rows: The batch's rows.
  private func mismatches(_ lanes: [SIMD16<Float>], source: [Float], width: Int, rows: [Int]) -> Int {
    var count = 0
    for group in 0..<LaneLayout.groups(rows: rows.count, shift: 4) {
      for column in 0..<width {
        for lane in 0..<16 {
          let row = rows[min(16 * group + lane, rows.count - 1)]
          if lanes[group * width + column][lane] != source[row * width + column] { count += 1 }
        }
      }
    }
    return count
  }

  @Test("gathered float32 rows land in their lanes, padding repeats the last row", arguments: 1...7)
  func gather(width: Int) {
    let sourceRows = 41
    let values = source(rows: sourceRows, width: width)
    let patterns: [[Int]] = [
      [40], [0], [0, 40, 5], Array(0..<sourceRows), Array((0..<sourceRows).reversed()),
      (0..<16).map { 1 + ($0 * 7) % (sourceRows - 1) }, (0..<33).map { 40 - ($0 * 5) % sourceRows },
      (0..<48).map { $0 == 37 ? 0 : 1 + ($0 * 11) % (sourceRows - 1) },
    ]
    for (kernels, rows) in KernelTable.runnable.flatMap({ kernels in patterns.map { (kernels, $0) } }) {
      // One vector past the batch's lanes, to check that nothing is written beyond them.
      let count = LaneLayout.groups(rows: rows.count, shift: 4) * width
      var lanes = [SIMD16<Float>](repeating: SIMD16(repeating: -1), count: count + 1)
      values.withUnsafeBufferPointer { source in
        rows.withUnsafeBufferPointer { indices in
          lanes.withUnsafeMutableBytes { bytes in
            LaneLayout.loadFloat(
              source, rows: rows.count, width: width, rowIndices: indices.baseAddress,
              into: bytes.baseAddress!.assumingMemoryBound(to: LaneVector.self), kernels: kernels)
          }
        }
      }
      #expect(mismatches(lanes, source: values, width: width, rows: rows) == 0, "rows \(rows) on \(kernels.name)")
      #expect(lanes[count] == SIMD16(repeating: -1), "rows \(rows) on \(kernels.name): written past the lanes")
    }
  }

  @Test("consecutive float32 rows land in their lanes, padding repeats the last row", arguments: 1...7)
  func load(width: Int) {
    let cases = KernelTable.runnable.flatMap { kernels in [1, 15, 16, 17, 32, 37].map { (kernels, $0) } }
    for (kernels, rowCount) in cases {
      let values = source(rows: rowCount, width: width)
      let count = LaneLayout.groups(rows: rowCount, shift: 4) * width
      var lanes = [SIMD16<Float>](repeating: SIMD16(repeating: -1), count: count + 1)
      values.withUnsafeBufferPointer { source in
        lanes.withUnsafeMutableBytes { bytes in
          LaneLayout.loadFloat(
            source, rows: rowCount, width: width, rowIndices: nil,
            into: bytes.baseAddress!.assumingMemoryBound(to: LaneVector.self), kernels: kernels)
        }
      }
      #expect(mismatches(lanes, source: values, width: width, rows: Array(0..<rowCount)) == 0, "\(rowCount) rows")
      #expect(lanes[count] == SIMD16(repeating: -1), "\(rowCount) rows: written past the lanes")
    }
  }
}
