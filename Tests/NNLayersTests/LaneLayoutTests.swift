@_spi(Internals) import NNCore
import Testing

@testable import NNLayers

/// The transposition of batches into lane layout against the definition, element by element, by the kernels of
/// every instruction set this CPU runs: every width (those compiled on their own, 1 to 4, and the others), batches
/// with and without a partial last group, and gathers that include the source's last row.
@Suite("Lane layout")
struct LaneLayoutTests {
  /// A source whose value at row `r`, column `k` is `1000 r + k + 1`: every element distinct and non-zero.
  private func source(rows: Int, width: Int) -> [Double] {
    (0..<rows * width).map { Double(1000 * ($0 / width) + $0 % width + 1) }
  }

  /// Every lane against `source[rows[min(8g + l, N − 1)]][k]`; returns the number of mismatches.
  private func mismatches(
    _ lanes: [LaneVector], source: [Double], width: Int, rows: [Int]
  ) -> Int {
    var count = 0
    for group in 0..<LaneLayout.groups(rows: rows.count) {
      for column in 0..<width {
        for lane in 0..<8 {
          let row = rows[min(8 * group + lane, rows.count - 1)]
          if lanes[group * width + column][lane] != source[row * width + column] { count += 1 }
        }
      }
    }
    return count
  }

  @Test("gathered rows land in their lanes, padding repeats the last row", arguments: 1...9)
  func gather(width: Int) {
    let sourceRows = 23
    let values = source(rows: sourceRows, width: width)
    // The source's last row in the middle of a group, at the end of a group and in the padding's model row.
    let patterns: [[Int]] = [
      [22], [0, 22, 5], Array(0..<sourceRows), Array((0..<sourceRows).reversed()),
      (0..<16).map { ($0 * 7) % sourceRows }, (0..<17).map { 22 - ($0 * 5) % sourceRows },
    ]
    for (kernels, rows) in KernelTable.runnable.flatMap({ kernels in patterns.map { (kernels, $0) } }) {
      // One vector past the batch's lanes, to check that nothing is written beyond them.
      let count = LaneLayout.groups(rows: rows.count) * width
      var lanes = [LaneVector](repeating: LaneVector(repeating: -1), count: count + 1)
      values.withUnsafeBufferPointer { source in
        rows.withUnsafeBufferPointer { indices in
          lanes.withUnsafeMutableBufferPointer {
            LaneLayout.load(
              source, rows: indices.count, width: width, rowIndices: indices.baseAddress, into: $0.baseAddress!,
              kernels: kernels)
          }
        }
      }
      #expect(mismatches(lanes, source: values, width: width, rows: rows) == 0, "rows \(rows) on \(kernels.name)")
      #expect(lanes[count] == LaneVector(repeating: -1), "rows \(rows) on \(kernels.name): written past the lanes")
    }
  }

  @Test("consecutive rows land in their lanes, padding repeats the last row", arguments: 1...9)
  func load(width: Int) {
    for (kernels, rowCount) in KernelTable.runnable.flatMap({ kernels in [1, 7, 8, 9, 16, 21].map { (kernels, $0) } }) {
      let values = source(rows: rowCount, width: width)
      let count = LaneLayout.groups(rows: rowCount) * width
      var lanes = [LaneVector](repeating: LaneVector(repeating: -1), count: count + 1)
      values.withUnsafeBufferPointer { source in
        lanes.withUnsafeMutableBufferPointer {
          LaneLayout.load(source, rows: rowCount, width: width, into: $0.baseAddress!, kernels: kernels)
        }
      }
      #expect(mismatches(lanes, source: values, width: width, rows: Array(0..<rowCount)) == 0, "\(rowCount) rows")
      #expect(lanes[count] == LaneVector(repeating: -1), "\(rowCount) rows: written past the lanes")
    }
  }

}
