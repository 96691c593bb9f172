import Foundation
import NNCore
import NNLayers
import Testing

/// Losses on values worked out by hand.
@Suite("Loss values")
struct LossValueTests {
  @Test func meanSquaredError() {
    // p = [1, 2], t = [0, 4]: squared errors 1 and 4. Sum 5, mean over 2 elements 2.5.
    // ∂/∂p (sum) = 2(p − t) = [2, −4]; the mean divides by 2: [1, −2].
    let predictions = Matrix([[1, 2]])
    let targets = Matrix([[0, 4]])
    var gradient = Matrix(rows: 1, columns: 2)
    #expect(
      MeanSquaredError(reduction: .sum).gradient(predictions: predictions, targets: targets, into: &gradient) == 5)
    #expect(gradient.elements == [2, -4])
    #expect(
      MeanSquaredError(reduction: .mean).gradient(predictions: predictions, targets: targets, into: &gradient) == 2.5)
    #expect(gradient.elements == [1, -2])
  }

  @Test func meanSquaredErrorMeanIsOverEveryElement() {
    // Two rows of two: four terms (1, 0, 0, 9) → sum 10, mean 10/4 as PyTorch's MSELoss.
    let value = MeanSquaredError().value(predictions: Matrix([[1, 0], [0, 3]]), targets: Matrix([[0, 0], [0, 0]]))
    #expect(value == 2.5)
  }

  @Test func softmaxCrossEntropy() {
    // z = [0, ln 3]: softmax = [1/4, 3/4]. Target class 1: L = −ln(3/4); ∂L/∂z = p − t = [1/4, −1/4].
    let logits = Matrix([[0, log(3)]])
    let targets = Matrix([[0, 1]])
    var gradient = Matrix(rows: 1, columns: 2)
    let value = SoftmaxCrossEntropy(reduction: .sum).gradient(predictions: logits, targets: targets, into: &gradient)
    #expect(abs(value + log(0.75)) < 1e-15)
    #expect(abs(gradient[0, 0] - 0.25) < 1e-15)
    #expect(abs(gradient[0, 1] + 0.25) < 1e-15)
  }

  @Test func softmaxCrossEntropyIsStableForHugeLogits() {
    // z = [1000, 0]: p₀ = 1/(1 + e^(−1000)) = 1, L for class 1 = 1000 exactly (log-sum-exp), not ∞ or NaN.
    let loss = SoftmaxCrossEntropy(reduction: .mean)
    let value = loss.value(predictions: Matrix([[1000, 0], [1000, 0]]), targets: Matrix([[0, 1], [1, 0]]))
    // Mean over 2 rows of (1000 + 0) = 500.
    #expect(value == 500)
    #expect(SoftmaxCrossEntropy().fusedActivation == "softmax")
    #expect(MeanSquaredError().fusedActivation == nil)
  }
}
