import NNCore
import Testing

@testable import NNLayers

/// The limit on one layer's parameters (``Sequential/maximumParametersPerLayer``, 2²⁸): a layer beyond it is refused
/// with its sizes before anything is allocated, and no size multiplies past `Int.max` on the way.
@Suite("layer size limit")
struct LayerSizeLimitTests {
  /// 2²⁸, written out.
  static let limit = 268_435_456

  @Test("the limit is 2^28 parameters")
  func limitValue() {
    #expect(Sequential.maximumParametersPerLayer == Self.limit)
  }

  @Test(
    "a dense layer refuses more units than a layer may have parameters", arguments: [Int.max, 1 << 62, (1 << 28) + 1])
  func denseUnits(units: Int) throws {
    #expect(
      throws: ComponentError.invalidArgument(
        component: "dense", parameter: "units",
        reason: "must be at most \(Self.limit) (a layer's parameter limit), got \(units)")
    ) { try Dense(units: units) }
    #expect(try Dense(units: Self.limit).units == Self.limit)
  }

  @Test(
    "a maxout layer refuses units × pieces beyond the limit, overflowing or not",
    arguments: [(3, Int.max), (1 << 62, 4), (1 << 16, 1 << 13)] as [(Int, Int)])
  func maxoutFeatures(units: Int, pieces: Int) throws {
    #expect(
      throws: ComponentError.invalidArgument(
        component: "maxout", parameter: "pieces",
        reason: "units × pieces must be at most \(Self.limit) (a layer's parameter limit), got \(units) × \(pieces)")
    ) { try Maxout(units: units, pieces: pieces) }
  }

  @Test("a network refuses a layer of inputs · units + units parameters past the limit, naming it and its sizes")
  func networkRefusesLargeLayer() throws {
    // 4 · 2²⁶ + 2²⁶ = 5 · 67,108,864 = 335,544,320 > 2²⁸.
    let layers: [any Layer] = [try Dense(units: 1 << 26), ActivationLayer(Sigmoid())]
    let expected = NetworkError.layerTooLarge(
      index: 0, name: "dense(bias=true, units=67108864)", shapes: "weight 4×67108864, bias 1×67108864",
      parameters: 335_544_320)
    let error = #expect(throws: expected) {
      try Sequential(inputWidth: 4, layers: layers, initializer: ZerosInitializer(), random: RandomSource(seed: 1))
    }
    #expect(
      error.map { "\($0)" }
        == "layer 1 ('dense(bias=true, units=67108864)') would have 335544320 parameters (weight 4×67108864, bias "
        + "1×67108864); a layer may have at most 268435456 (2^28)")
    #expect(throws: expected) { try Sequential(inputWidth: 4, layers: layers, parameters: [[], []]) }
  }

  @Test("exactly 2^28 parameters pass, one more input does not")
  func boundary() throws {
    // 3 · 2²⁶ + 2²⁶ = 2²⁸ exactly; with 4 inputs, 5 · 2²⁶. Counted without allocating anything.
    let layers: [any Layer] = [try Dense(units: 1 << 26)]
    try Sequential.checkParameterCounts(layers: layers, widths: [3, 1 << 26])
    #expect(throws: NetworkError.self) { try Sequential.checkParameterCounts(layers: layers, widths: [4, 1 << 26]) }
  }

  @Test("a count that overflows an Int is refused as such, not trapped")
  func overflowingCount() throws {
    let expected = NetworkError.layerTooLarge(
      index: 0, name: "dense(bias=false, units=2)", shapes: "weight \(Int.max)×2", parameters: nil)
    let error = #expect(throws: expected) {
      try Sequential(
        inputWidth: .max, layers: [try Dense(units: 2, bias: false)], initializer: ZerosInitializer(),
        random: RandomSource(seed: 1))
    }
    #expect(error.map { "\($0)" }?.contains("would have more parameters than an Int counts") == true)
  }
}
