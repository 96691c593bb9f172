import Foundation
import NNCore
import NNLayers
import Testing

/// The wider catalogue of activations, losses and initializers, on values worked out by hand.
@Suite("Catalogue values")
struct CatalogueValueTests {
  private func apply(_ activation: any Activation, _ values: [Double]) -> [Double] {
    let input = Matrix(rows: 1, columns: values.count, elements: values)
    var output = Matrix(rows: 1, columns: values.count)
    activation.forward(input, into: &output)
    return output.elements
  }

  private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-15) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
  }

  @Test func leakyReLU() {
    // Slope 0.1: −2 → −0.2; 3 → 3.
    #expect(apply(LeakyReLU(negativeSlope: 0.1), [-2, 3]) == [-0.2, 3])
  }

  @Test func exponentialLinearUnit() {
    // α = 1: e^(−ln 2) − 1 = 1/2 − 1 = −1/2; large negative inputs saturate at −α = −2 for α = 2.
    let values = apply(ExponentialLinearUnit(), [-log(2), 1.5])
    #expect(close(values[0], -0.5))
    #expect(values[1] == 1.5)
    #expect(close(apply(ExponentialLinearUnit(alpha: 2), [-50])[0], -2))
  }

  @Test func scaledExponentialLinearUnit() {
    // 1 → λ; −ln 2 → λα(1/2 − 1) = −λα/2.
    let values = apply(ScaledExponentialLinearUnit(), [1, -log(2)])
    #expect(values[0] == ScaledExponentialLinearUnit.scale)
    #expect(close(values[1], -ScaledExponentialLinearUnit.scale * ScaledExponentialLinearUnit.alpha / 2))
  }

  @Test func softplus() {
    // log(1 + e⁰) = ln 2; with β = 2 at 0: ln 2 / 2; at 800 (no overflow): 800.
    #expect(close(apply(Softplus(), [0])[0], log(2)))
    #expect(close(apply(Softplus(beta: 2), [0])[0], log(2) / 2))
    #expect(apply(Softplus(), [800])[0] == 800)
  }

  @Test func gaussianErrorLinearUnit() {
    // GELU(1) = Φ(1) = 0.8413447460685429 (the standard normal distribution at 1); GELU(0) = 0; GELU(−1) = −(1 − Φ(1)).
    let values = apply(GaussianErrorLinearUnit(), [1, 0, -1])
    #expect(close(values[0], 0.841_344_746_068_542_9))
    #expect(values[1] == 0)
    #expect(close(values[2], -(1 - 0.841_344_746_068_542_9), 1e-14))
  }

  @Test func swish() {
    // x·σ(x) at ln 3: σ(ln 3) = 3/4, so (3/4)·ln 3; with β = 2 at ln 3 / 2 the gate is also 3/4.
    #expect(close(apply(Swish(), [log(3)])[0], 0.75 * log(3)))
    #expect(close(apply(Swish(beta: 2), [log(3) / 2])[0], 0.75 * log(3) / 2))
    #expect(Swish.sigmoidLinearUnit.configuration.name == "silu")
    #expect(Swish().configuration.name == "swish")
  }

  @Test func hardSigmoid() {
    #expect(apply(HardSigmoid(), [-4, -3, 0, 1.5, 3, 4]) == [0, 0, 0.5, 0.75, 1, 1])
  }

  @Test func logSoftmax() {
    // Row [0, ln 3]: softmax [1/4, 3/4], so log-softmax [ln(1/4), ln(3/4)].
    let values = apply(LogSoftmax(), [0, log(3)])
    #expect(close(values[0], log(0.25)))
    #expect(close(values[1], log(0.75)))
  }

  private func lossAndGradient(_ loss: any Loss, _ predictions: [Double], _ targets: [Double]) -> (Double, [Double]) {
    var gradient = Matrix(rows: 1, columns: predictions.count)
    let value = loss.gradient(
      predictions: Matrix(rows: 1, columns: predictions.count, elements: predictions),
      targets: Matrix(rows: 1, columns: targets.count, elements: targets), into: &gradient)
    return (value, gradient.elements)
  }

  @Test func meanAbsoluteError() {
    // |1 − 0| + |2 − 4| = 3; mean over 2 elements 1.5; slopes sign(p − t) = [1, −1], halved for the mean.
    #expect(lossAndGradient(MeanAbsoluteError(reduction: .sum), [1, 2], [0, 4]) == (3, [1, -1]))
    #expect(lossAndGradient(MeanAbsoluteError(), [1, 2], [0, 4]) == (1.5, [0.5, -0.5]))
  }

  @Test func huber() {
    // δ = 1, differences 0.5 and 3: 0.5²/2 = 0.125 and 1·(3 − 0.5) = 2.5, sum 2.625; slopes 0.5 and δ = 1.
    #expect(lossAndGradient(HuberLoss(reduction: .sum), [0.5, 3], [0, 0]) == (2.625, [0.5, 1]))
  }

  @Test func binaryCrossEntropy() {
    // p = 3/4, t = 1: −ln(3/4); slope (p − t)/(p(1 − p)) = (−1/4)/(3/16) = −4/3.
    let (value, gradient) = lossAndGradient(BinaryCrossEntropy(reduction: .sum), [0.75], [1])
    #expect(close(value, -log(0.75)))
    #expect(close(gradient[0], -4.0 / 3))
    // p = 0 with t = 1: the logarithm is clamped at −100.
    #expect(lossAndGradient(BinaryCrossEntropy(reduction: .sum), [0], [1]).0 == 100)
  }

  @Test func binaryCrossEntropyWithLogits() {
    // z = ln 3: σ(z) = 3/4; t = 1: −ln(3/4), slope σ(z) − t = −1/4. z = 1000, t = 0: loss exactly 1000.
    let (value, gradient) = lossAndGradient(BinaryCrossEntropyWithLogits(reduction: .sum), [log(3)], [1])
    #expect(close(value, -log(0.75)))
    #expect(close(gradient[0], -0.25))
    #expect(lossAndGradient(BinaryCrossEntropyWithLogits(reduction: .sum), [1000], [0]).0 == 1000)
    #expect(BinaryCrossEntropyWithLogits().fusedActivation == "sigmoid")
  }

  @Test func hinge() {
    // t = 1, p = 0.3: 1 − 0.3 = 0.7, slope −1. t = 0 (y = −1), p = −2: max(0, 1 − 2) = 0, slope 0.
    // t = 0, p = 0.5: 1 + 0.5 = 1.5, slope +1. Sum 2.2.
    let (value, gradient) = lossAndGradient(HingeLoss(reduction: .sum), [0.3, -2, 0.5], [1, 0, 0])
    #expect(close(value, 2.2))
    #expect(gradient == [-1, 0, 1])
  }

  private func standardDeviation(_ initializer: any Initializer) -> (deviation: Double, largest: Double) {
    var matrix = Matrix(rows: 200, columns: 100)
    initializer.initialize(&matrix, fanIn: 50, fanOut: 30, random: RandomSource(seed: 9))
    let values = matrix.elements
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (variance.squareRoot(), values.map(abs).max() ?? 0)
  }

  @Test func widerInitializers() {
    // Xavier normal: √(2/80) ≈ 0.1581. He uniform: a = √(6/50) ≈ 0.3464, standard deviation a/√3 = 0.2.
    // LeCun normal: √(1/50) ≈ 0.1414.
    #expect(abs(standardDeviation(XavierNormalInitializer()).deviation - (2.0 / 80).squareRoot()) < 0.003)
    let he = standardDeviation(HeUniformInitializer())
    #expect(abs(he.deviation - 0.2) < 0.003)
    #expect(he.largest <= (6.0 / 50).squareRoot())
    #expect(abs(standardDeviation(LeCunNormalInitializer()).deviation - (1.0 / 50).squareRoot()) < 0.003)
  }
}
