import CNNKernels
@_spi(Internals) import NNCore
import Testing

@testable import NNLayers

/// The C kernels of each instruction set: how one is chosen, and their activation passes against the Swift
/// activations' own eight-lane forms (the fused kernel's gradients are checked against the layer-by-layer path in
/// ``FusedKernelTests``).
@Suite("Kernel instruction sets")
struct KernelTableTests {
  @Test("the best table this CPU runs is chosen, and every x86-64 CPU runs the baseline")
  func selection() {
    let runnable = KernelTable.runnable.map(\.name)
    #expect(!runnable.isEmpty)
    #expect(KernelTable(table: NNKernelsSelect(nil)).name == runnable.first)
    #expect(KernelTable(table: NNKernelsSelect("auto")).name == runnable.first)
    #if arch(x86_64)
      #expect(runnable.last == "x86-64")
      #expect(Set(runnable).isSubset(of: ["x86-64-v4", "x86-64-v3", "x86-64"]))
      if runnable.contains("x86-64-v4") { #expect(runnable.contains("x86-64-v3")) }
    #endif
  }

  @Test("a request for an unknown table is refused with the known ones named")
  func unknownRequest() {
    #expect(KernelTable.problem(withRequest: "auto") == nil)
    #expect(KernelTable.problem(withRequest: "") == nil)
    for name in KernelTable.runnable.map(\.name) { #expect(KernelTable.problem(withRequest: name) == nil) }
    let problem = KernelTable.problem(withRequest: "avx9")
    #expect(
      problem?.hasPrefix("NN_KERNELS=avx9 names no kernels this machine can use: expected auto or one of") == true)
    #expect(NNKernelsSelect("avx9") == nil)
  }

  @Test("layers of eight units or more with little padding sum their gradients in rows")
  func rowChoice() {
    typealias Stage = FusedDenseStage<Identity>
    #expect(!Stage.sumsInRows(outputWidth: 3))
    #expect(!Stage.sumsInRows(outputWidth: 10))
    #expect(!Stage.sumsInRows(outputWidth: 12))
    #expect(Stage.sumsInRows(outputWidth: 8))
    #expect(Stage.sumsInRows(outputWidth: 30))
    #expect(Stage.sumsInRows(outputWidth: 128))
    #expect(Stage.paddedWidth(1) == 8 && Stage.paddedWidth(8) == 8 && Stage.paddedWidth(17) == 24)
  }

  /// Arguments over the ranges where each activation changes form, and its edges.
  private static func arguments() -> [Double] {
    var values: [Double] = [
      0, -0.0, 1e-300, -1e-300, 0.4999, 0.5, -0.5, 20, -20, 700, -700, 708.5, -709.5, 745, -746, 800,
    ]
    let random = RandomSource(seed: 5)
    for _ in 0..<500 { values.append(random.uniform(from: -40, to: 40)) }
    for _ in 0..<100 { values.append(random.uniform(from: -1, to: 1)) }
    while values.count % 8 != 0 { values.append(0.25) }
    return values
  }

  /// The activations the C kernels know, with their Swift forms.
  private static let activations: [any ElementwiseActivation] = [
    Identity(), Sigmoid(), Tanh(), ReLU(), LeakyReLU(negativeSlope: 0.03), Swish(beta: 1.5),
  ]

  @Test("activation passes equal the activations' eight-lane forms: to the bit with fused multiply-adds")
  func activationPasses() throws {
    let values = Self.arguments()
    let count = values.count / 8
    let input = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: count)
    let output = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: count)
    let upstream = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: count)
    let gradient = UnsafeMutablePointer<SIMD8<Double>>.allocate(capacity: count)
    defer { for buffer in [input, output, upstream, gradient] { buffer.deallocate() } }
    for index in 0..<count {
      input[index] = SIMD8((0..<8).map { values[8 * index + $0] })
      upstream[index] = SIMD8((0..<8).map { Double($0) - 3.5 })
    }
    for kernels in KernelTable.runnable {
      // Without fused multiply-adds, each product is rounded once more: a few units in the last place.
      let tolerance = kernels.roundsProducts ? 4e-15 : 0
      for activation in Self.activations {
        let code = try #require(FusedKernelActivation(activation))
        kernels.table.pointee.activationForward(code.code, code.parameter, input, output, count)
        kernels.table.pointee.activationBackward(code.code, code.parameter, upstream, input, output, gradient, count)
        for index in 0..<count {
          let expected = activation.value(input[index])
          let expectedGradient = upstream[index] * activation.derivative(input: input[index], output: expected)
          for lane in 0..<8 {
            let label = "\(activation.configuration.name) at \(input[index][lane]) on \(kernels.name)"
            #expect(close(output[index][lane], expected[lane], tolerance), "\(label): value")
            #expect(close(gradient[index][lane], expectedGradient[lane], tolerance), "\(label): derivative")
          }
        }
      }
    }
  }

  /// Whether `a` equals `b` within `tolerance` relative (or absolute below 1), NaNs alike.
  private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(b), 1)
  }

  @Test("activations the C kernels do not know run in Swift")
  func unknownActivations() {
    #expect(FusedKernelActivation(ExponentialLinearUnit()) == nil)
    #expect(FusedKernelActivation(GaussianErrorLinearUnit()) == nil)
    #expect(FusedKernelActivation(FusedKernelTests.Softsign()) == nil)
  }
}
