import Foundation
import NNCore
import NNLayers
import Testing

/// Initializers' distributions, checked by their moments and bounds.
@Suite("Initializers")
struct InitializerTests {
  private func draw(_ initializer: any Initializer, fanIn: Int = 50, fanOut: Int = 30) -> [Double] {
    var matrix = Matrix(rows: 200, columns: 100)
    initializer.initialize(&matrix, fanIn: fanIn, fanOut: fanOut, random: RandomSource(seed: 5))
    return matrix.elements
  }

  private func moments(_ values: [Double]) -> (mean: Double, standardDeviation: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance.squareRoot())
  }

  @Test func normal() {
    let (mean, deviation) = moments(draw(NormalInitializer(mean: 1, standardDeviation: 2)))
    #expect(abs(mean - 1) < 0.05)
    #expect(abs(deviation - 2) < 0.05)
  }

  @Test func uniformDefaultsToTheUnitInterval() {
    let values = draw(UniformInitializer())
    #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(moments(values).mean - 0.5) < 0.01)
  }

  @Test func scaledNormal() {
    // N(0,1)/√fan_in with fan_in = 50: standard deviation 1/√50 ≈ 0.1414.
    let (mean, deviation) = moments(draw(ScaledNormalInitializer()))
    #expect(abs(mean) < 0.005)
    #expect(abs(deviation - 1 / 50.0.squareRoot()) < 0.003)
  }

  @Test func xavierUniform() {
    // a = √(6/(50+30)) ≈ 0.2739; U[−a, a) has standard deviation a/√3 ≈ 0.1581.
    let bound = (6.0 / 80).squareRoot()
    let values = draw(XavierUniformInitializer())
    #expect(values.allSatisfy { abs($0) <= bound })
    #expect(abs(moments(values).standardDeviation - bound / 3.0.squareRoot()) < 0.003)
  }

  @Test func heNormal() {
    // N(0, 2/fan_in): standard deviation √(2/50) = 0.2.
    let (mean, deviation) = moments(draw(HeNormalInitializer()))
    #expect(abs(mean) < 0.005)
    #expect(abs(deviation - 0.2) < 0.004)
  }

  @Test func zeros() {
    #expect(draw(ZerosInitializer()).allSatisfy { $0 == 0 })
  }

  @Test func invalidArgumentsAreRejected() {
    let registry = TestRegistry.shared
    #expect(throws: ComponentError.self) { try registry.initializer("normal(standard_deviation=0)") }
    #expect(throws: ComponentError.self) { try registry.initializer("uniform(minimum=1, maximum=1)") }
    #expect(throws: ComponentError.self) { try registry.initializer("xavier_uniform(gain=-1)") }
  }
}
