import Testing

@testable import NNTraining

/// Chart axes: nice tick values worked out by hand, compact labels, and when the loss axis is logarithmic.
@Suite("chart axes")
struct ChartAxisTests {
  @Test("0…1 with about five ticks: steps of 0.2, exact decimals, labels with one decimal")
  func unitRange() {
    let axis = ChartAxis.linear(covering: [0, 1])
    #expect(axis.ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    #expect(axis.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(axis.lower == 0 && axis.upper == 1)
  }

  @Test("0.1…0.3: steps of 0.05 (rough step 0.05), 0.15 exactly, no float noise in the labels")
  func fineRange() {
    let axis = ChartAxis.linear(covering: [0.3, 0.1, 0.2])
    #expect(axis.ticks.map(\.value) == [0.1, 0.15, 0.2, 0.25, 0.3])
    #expect(axis.ticks.map(\.label) == ["0.10", "0.15", "0.20", "0.25", "0.30"])
  }

  @Test("0.13…0.87 widens outwards to the nice ticks 0…1 in steps of 0.2 (rough step 0.185)")
  func widening() {
    let axis = ChartAxis.linear(covering: [0.13, 0.87])
    #expect(axis.ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    #expect(axis.lower == 0 && axis.upper == 1)
  }

  @Test("epochs 1…200 with about eight ticks: every 20 from 0, integer labels")
  func epochs() {
    let axis = ChartAxis.linear(covering: Array(1...200).map(Double.init), targetTickCount: 8, integral: true)
    #expect(axis.ticks.map(\.value) == stride(from: 0.0, through: 200, by: 20).map { $0 })
    #expect(axis.ticks.map(\.label) == ["0", "20", "40", "60", "80", "100", "120", "140", "160", "180", "200"])
  }

  @Test("three epochs: integer steps of 1, never 0.5")
  func fewEpochs() {
    let axis = ChartAxis.linear(covering: [1, 2, 3], targetTickCount: 8, integral: true)
    #expect(axis.ticks.map(\.label) == ["1", "2", "3"])
  }

  @Test("a million iterations: steps of 200k, labelled 0, 200k … 1M")
  func iterations() {
    let axis = ChartAxis.linear(covering: [1, 1_000_000], targetTickCount: 6, integral: true)
    #expect(axis.ticks.map(\.value) == [0, 200_000, 400_000, 600_000, 800_000, 1_000_000])
    #expect(axis.ticks.map(\.label) == ["0", "200k", "400k", "600k", "800k", "1M"])
  }

  @Test("30 000 iterations: every label in thousands, 0, 5k … 30k, not 5000 beside 10k")
  func thousands() {
    let axis = ChartAxis.linear(covering: [0, 30_000], targetTickCount: 8, integral: true)
    #expect(axis.ticks.map(\.label) == ["0", "5k", "10k", "15k", "20k", "25k", "30k"])
  }

  @Test("negative values: −3…7 in steps of 2")
  func negative() {
    let axis = ChartAxis.linear(covering: [-2.5, 6.5])
    #expect(axis.ticks.map(\.value) == [-4, -2, 0, 2, 4, 6, 8])
    #expect(axis.ticks.map(\.label) == ["-4", "-2", "0", "2", "4", "6", "8"])
  }

  @Test("a constant is widened by a tenth each way; zero by one; nothing gives 0…1")
  func degenerate() {
    let constant = ChartAxis.linear(covering: [0.5, 0.5, 0.5])
    #expect(constant.lower <= 0.45 && constant.upper >= 0.55)
    #expect(constant.ticks.contains { $0.value == 0.5 })
    let zero = ChartAxis.linear(covering: [0])
    #expect(zero.lower == -1 && zero.upper == 1)
    let empty = ChartAxis.linear(covering: [.nan, .infinity])
    #expect(empty.lower == 0 && empty.upper == 1)
    #expect(empty.ticks.count >= 2)
  }

  @Test("a logarithmic axis over 1…1e-4 has a tick at each decade")
  func logarithmic() {
    let axis = ChartAxis.logarithmic(covering: [1, 0.3, 0.002, 0.0001, 0, -1, .nan])
    #expect(axis.scale == .logarithmic)
    #expect(axis.ticks.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1, 1])
    #expect(axis.ticks.map(\.label) == ["1e-4", "0.001", "0.01", "0.1", "1"])
    #expect(abs((axis.fraction(of: 0.01) ?? 0) - 0.5) < 1e-12, "symmetric margins put 0.01 half way")
    #expect(axis.lower < 1e-4 && axis.lower > 1e-5 && axis.upper > 1 && axis.upper < 10)
    #expect(axis.fraction(of: 0) == nil)
  }

  @Test("0.4…0.004 keeps tight ends (0.54 and 0.34 decade from 0.001 and 1 after margins) with ticks inside")
  func tightLogarithmic() {
    let axis = ChartAxis.logarithmic(covering: [0.4, 0.004])
    #expect(axis.ticks.map(\.label) == ["0.01", "0.1"])
    #expect(axis.lower < 0.004 && axis.lower > 0.001 && axis.upper > 0.4 && axis.upper < 1)
    let stretched = ChartAxis.logarithmic(covering: [0.8, 0.0015])
    #expect(stretched.ticks.map(\.label) == ["0.001", "0.01", "0.1", "1"], "ends near a decade reach it")
  }

  @Test("fifteen decades get a tick every third decade")
  func manyDecades() {
    let axis = ChartAxis.logarithmic(covering: [1e-12, 1e3])
    #expect(axis.ticks.map(\.label) == ["1e-12", "1e-9", "1e-6", "0.001", "1", "1000"])
  }

  @Test("logarithmic when the positive values span more than two decades, and only then")
  func logarithmicChoice() {
    #expect(ChartAxis.spansManyDecades([1, 0.5, 0.009]))
    #expect(!ChartAxis.spansManyDecades([2, 1, 0.05]))
    #expect(!ChartAxis.spansManyDecades([1, 0.01]), "exactly two decades stays linear")
    #expect(!ChartAxis.spansManyDecades([1, 0, -5, .nan]), "zero and negatives do not count")
    #expect(!ChartAxis.spansManyDecades([]))
  }

  @Test("linear fractions: lower maps to 0, upper to 1, the middle to 0.5")
  func linearFractions() {
    let axis = ChartAxis.linear(covering: [0, 10])
    #expect(axis.fraction(of: 0) == 0)
    #expect(axis.fraction(of: 5) == 0.5)
    #expect(axis.fraction(of: 10) == 1)
    #expect(axis.fraction(of: .nan) == nil)
  }

  @Test("accuracy labels in percent, with decimals only when the step needs them")
  func percent() {
    #expect(ChartTickFormat.percent.label(0.95, step: NiceStep(mantissa: 5, exponent: -2), largest: 1) == "95%")
    #expect(ChartTickFormat.percent.label(0.951, step: NiceStep(mantissa: 1, exponent: -3), largest: 1) == "95.1%")
    #expect(ChartTickFormat.percent.label(1, step: NiceStep(mantissa: 2, exponent: -1), largest: 1) == "100%")
  }

  @Test("number labels: scientific below 1e-6 steps, thousands and millions, no negative zero")
  func numbers() {
    #expect(ChartTickFormat.number(0.00002, step: NiceStep(mantissa: 1, exponent: -5), largest: 1e-4) == "0.00002")
    #expect(ChartTickFormat.number(2e-7, step: NiceStep(mantissa: 1, exponent: -7), largest: 1e-6) == "2e-7")
    #expect(ChartTickFormat.number(1.5e-6, step: NiceStep(mantissa: 5, exponent: -7), largest: 3e-6) == "1.5e-6")
    #expect(ChartTickFormat.number(0, step: NiceStep(mantissa: 5, exponent: -7), largest: 3e-6) == "0")
    #expect(ChartTickFormat.number(-0.0, step: NiceStep(mantissa: 1, exponent: -1), largest: 1) == "0.0")
    #expect(ChartTickFormat.number(15_000, step: NiceStep(mantissa: 5, exponent: 3), largest: 20_000) == "15k")
    #expect(ChartTickFormat.number(500, step: NiceStep(mantissa: 5, exponent: 2), largest: 20_000) == "0.5k")
    #expect(ChartTickFormat.number(500, step: NiceStep(mantissa: 5, exponent: 2), largest: 2_000) == "500")
    #expect(ChartTickFormat.number(1_500_000, step: NiceStep(mantissa: 5, exponent: 5), largest: 2e6) == "1.5M")
  }

  @Test("nice steps: the nearest of 1, 2, 5 · 10^k on a log scale")
  func niceSteps() {
    #expect(NiceStep(nearest: 0.25) == NiceStep(mantissa: 2, exponent: -1))
    #expect(NiceStep(nearest: 49.75) == NiceStep(mantissa: 5, exponent: 1))
    #expect(NiceStep(nearest: 8) == NiceStep(mantissa: 1, exponent: 1))
    #expect(NiceStep(nearest: 0.0013) == NiceStep(mantissa: 1, exponent: -3))
    #expect(NiceStep(mantissa: 1, exponent: -1).multiple(3) == 0.3)
  }
}
