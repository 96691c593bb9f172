import Foundation
import NNCore
import NNLayers
import Testing

/// Activations on values worked out by hand.
@Suite("Activation values")
struct ActivationValueTests {
  private func apply(_ activation: any Activation, _ values: [Double]) -> [Double] {
    let input = Matrix(rows: 1, columns: values.count, elements: values)
    var output = Matrix(rows: 1, columns: values.count)
    activation.forward(input, into: &output)
    return output.elements
  }

  @Test func sigmoid() {
    // σ(0) = 1/2; σ(ln 3) = 1/(1 + 1/3) = 3/4; σ(−ln 3) = 1/(1 + 3) = 1/4; saturation at ±800 without NaN.
    let values = apply(Sigmoid(), [0, log(3), -log(3), 800, -800])
    #expect(abs(values[0] - 0.5) < 1e-16)
    #expect(abs(values[1] - 0.75) < 1e-15)
    #expect(abs(values[2] - 0.25) < 1e-15)
    #expect(values[3] == 1)
    #expect(values[4] == 0)
  }

  @Test func tanh() {
    // tanh(ln 2) = (2 − 1/2)/(2 + 1/2) = 3/5; odd function; tanh(0) = 0; tanh(±40) = ±1.
    let values = apply(Tanh(), [log(2), -log(2), 0, 40, -40, 1e-9, 0.3, 2, 2, 2])
    #expect(abs(values[0] - 0.6) < 1e-15)
    #expect(abs(values[1] + 0.6) < 1e-15)
    #expect(values[2] == 0)
    #expect(values[3] == 1 && values[4] == -1)
    #expect(abs(values[5] - 1e-9) < 1e-24)
    #expect(abs(values[6] - Foundation.tanh(0.3)) < 1e-16)
  }

  @Test func relu() {
    #expect(apply(ReLU(), [-2, -0.0, 0, 3.5]) == [0, 0, 0, 3.5])
  }

  @Test func identity() {
    #expect(apply(Identity(), [-2, 0, 7.25]) == [-2, 0, 7.25])
  }

  @Test func softmax() {
    // e^0 : e^(ln 2) : e^(ln 5) = 1 : 2 : 5, so the row is 1/8, 2/8, 5/8; adding 1000 changes nothing.
    let values = apply(Softmax(), [0, log(2), log(5)])
    #expect(abs(values[0] - 0.125) < 1e-15)
    #expect(abs(values[1] - 0.25) < 1e-15)
    #expect(abs(values[2] - 0.625) < 1e-15)
    let shifted = apply(Softmax(), [1000, 1000 + log(2), 1000 + log(5)])
    for (a, b) in zip(values, shifted) { #expect(abs(a - b) < 1e-12) }
  }

  @Test func softmaxRowsAreIndependent() {
    let input = Matrix([[1, 2, 3], [0, 0, 0]])
    var output = Matrix(rows: 2, columns: 3)
    Softmax().forward(input, into: &output)
    for column in 0..<3 { #expect(abs(output[1, column] - 1.0 / 3) < 1e-15) }
    #expect(abs(output.row(0).reduce(0, +) - 1) < 1e-15)
  }

  @Test("the SIMD and scalar paths agree for batches of every length", arguments: [1, 7, 8, 9, 17])
  func tailsAgree(count: Int) {
    let values = (0..<count).map { Double($0) * 0.37 - 2.9 }
    for activation in [Sigmoid() as any ElementwiseActivation, Tanh(), ReLU(), Identity()] {
      let batch = apply(activation, values)
      for (index, value) in values.enumerated() {
        #expect(abs(batch[index] - activation.value(value)) <= 4e-16 * max(1, abs(batch[index])))
      }
    }
  }
}
