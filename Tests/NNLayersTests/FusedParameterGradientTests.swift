import Testing

@testable import NNLayers

/// The pieces of the fused kernel's row-wise parameter gradients, against their definitions: the 8 × 8
/// transposition, the rows of error terms with their zero padding, and which layers take this way.
@Suite("Fused parameter gradients")
struct FusedParameterGradientTests {
  @Test("an 8 × 8 block is transposed")
  func transposedBlock() {
    var block = InlineArray<8, LaneVector>(repeating: .zero)
    for row in 0..<8 {
      for column in 0..<8 { block[row][column] = Double(10 * row + column) }
    }
    let result = FusedParameterGradient.transposed(block)
    for row in 0..<8 {
      for column in 0..<8 {
        #expect(result[row][column] == Double(10 * column + row), "element \(row), \(column)")
      }
    }
  }

  @Test("error terms in lanes become rows, padded with zeros", arguments: [1, 8, 10, 19])
  func rows(width: Int) {
    let groups = 3
    let padded = FusedParameterGradient.paddedWidth(width)
    #expect(padded % 8 == 0 && padded >= width && padded < width + 8)
    let delta = UnsafeMutablePointer<LaneVector>.allocate(capacity: groups * width)
    defer { delta.deallocate() }
    for group in 0..<groups {
      for unit in 0..<width {
        for lane in 0..<8 { delta[group * width + unit][lane] = Double(1000 * (8 * group + lane) + unit + 1) }
      }
    }
    let rows = UnsafeMutablePointer<Double>.allocate(capacity: 8 * groups * padded)
    defer { rows.deallocate() }
    rows.initialize(repeating: .nan, count: 8 * groups * padded)
    FusedParameterGradient.transpose(delta, width: width, groups: groups, into: UnsafeMutableRawPointer(rows))
    for sample in 0..<8 * groups {
      for unit in 0..<padded {
        let expected = unit < width ? Double(1000 * sample + unit + 1) : 0
        #expect(rows[sample * padded + unit] == expected, "sample \(sample), unit \(unit)")
      }
    }
  }

  @Test("layers of eight units or more with little padding sum in rows")
  func choice() {
    #expect(!FusedParameterGradient.sumsInRows(outputWidth: 3))
    #expect(!FusedParameterGradient.sumsInRows(outputWidth: 10))
    #expect(!FusedParameterGradient.sumsInRows(outputWidth: 12))
    #expect(FusedParameterGradient.sumsInRows(outputWidth: 8))
    #expect(FusedParameterGradient.sumsInRows(outputWidth: 30))
    #expect(FusedParameterGradient.sumsInRows(outputWidth: 64))
    #expect(FusedParameterGradient.sumsInRows(outputWidth: 128))
  }
}
