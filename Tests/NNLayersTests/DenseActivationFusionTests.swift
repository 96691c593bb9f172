import CNNKernels
@_spi(Internals) import NNCore
import NNOptim
import Testing

@testable import NNLayers

/// The trainer's fused bias and ReLU passes (``DenseActivationFusion``) against the layers' own passes, one after the
/// other: the same bits in both element types, on every instruction set.
@Suite("dense and ReLU fused")
struct DenseActivationFusionTests {
  /// 5-19-ReLU-16-ReLU-3 with softmax: widths of a whole vector of sixteen, and of one and three left over.
  private static func network(elementType: ElementType) throws -> Sequential {
    let layers: [any Layer] = [
      try Dense(units: 19), ActivationLayer(ReLU()), try Dense(units: 16), ActivationLayer(ReLU()),
      try Dense(units: 3), ActivationLayer(Softmax()),
    ]
    return try networkWithBiases(inputWidth: 5, layers: layers, seed: 11, biasLimit: 0.5, elementType: elementType)
  }

  /// 37 rows of inputs (the first all zeros, so that a pre-activation is the bias alone) and one-hot targets.
  private static func batch(elementType: ElementType) -> (inputs: Matrix, targets: Matrix) {
    let random = RandomSource(seed: 12)
    var inputs = Matrix(rows: 37, columns: 5)
    var targets = Matrix(rows: 37, columns: 3)
    for row in 1..<37 {
      for column in 0..<5 { inputs[row, column] = random.uniform(from: -2, to: 2) }
    }
    for row in 0..<37 { targets[row, row % 3] = 1 }
    return (inputs.converted(to: elementType), targets.converted(to: elementType))
  }

  /// The gradients from each layer's own forward and backward passes, one after the other, from the loss's
  /// gradient with respect to the last trained layer's output (`lossGradient`).
  private static func layerByLayer(
    _ network: Sequential, inputs: Matrix, lossGradient: Matrix
  ) -> (parameters: [[Matrix]], outputs: [Matrix], activations: [Matrix]) {
    let trained = network.layers.count - 1  // the loss fuses the softmax
    var outputs: [Matrix] = []
    for layer in 0..<trained {
      let input = layer == 0 ? inputs : outputs[layer - 1]
      var output = Matrix(rows: inputs.rows, columns: network.widths[layer + 1], elementType: network.elementType)
      var workspace = network.layers[layer].makeWorkspace(inputWidth: network.widths[layer])
      network.layers[layer].forward(
        input, parameters: network.parameters[layer], into: &output, workspace: &workspace,
        mode: .training(RandomSource(seed: 1)))
      outputs.append(output)
    }
    var gradients = outputs.map { Matrix(rows: $0.rows, columns: $0.columns, elementType: $0.elementType) }
    gradients[trained - 1] = lossGradient
    var parameterGradients = network.parameters.map {
      $0.map { Matrix(rows: $0.rows, columns: $0.columns, elementType: $0.elementType) }
    }
    for layer in stride(from: trained - 1, through: 0, by: -1) {
      var workspace = network.layers[layer].makeWorkspace(inputWidth: network.widths[layer])
      var inputGradient =
        layer == 0
        ? Matrix(rows: 0, columns: 0, elementType: network.elementType) : gradients[layer - 1]
      network.layers[layer].backward(
        input: layer == 0 ? inputs : outputs[layer - 1], output: outputs[layer], outputGradient: gradients[layer],
        parameters: network.parameters[layer], parameterGradients: &parameterGradients[layer],
        inputGradient: &inputGradient, computeInputGradient: layer > 0, workspace: &workspace)
      if layer > 0 { gradients[layer - 1] = inputGradient }
    }
    return (parameterGradients, gradients, outputs)
  }

  /// The elements' bit patterns (so that `-0` and `0` differ).
  private static func bits(_ matrix: Matrix) -> [UInt64] {
    switch matrix.elementType {
    case .float64: matrix.withUnsafeBufferPointer(as: Double.self) { $0.map(\.bitPattern) }
    case .float32: matrix.withUnsafeBufferPointer(as: Float.self) { $0.map { UInt64($0.bitPattern) } }
    }
  }

  @Test(
    "the trainer's gradients equal the layers' own passes to the bit", arguments: ElementType.allCases)
  func sameBits(elementType: ElementType) throws {
    let network = try Self.network(elementType: elementType)
    let (inputs, targets) = Self.batch(elementType: elementType)
    let loss = SoftmaxCrossEntropy(reduction: .mean)
    for kernels in KernelTable.runnable {
      var trainer = Trainer(
        network: network, loss: loss, optimizer: try SGD(learningRate: 0.1), allowsFusedKernel: false,
        kernels: kernels)
      _ = try trainer.computeGradients(inputs: inputs, targets: targets, random: RandomSource(seed: 1))
      // The loss's gradient (of the last dense layer's output, which no ReLU follows) is the trainer's own.
      let expected = Self.layerByLayer(network, inputs: inputs, lossGradient: trainer.layerOutputGradients[4])
      // Both hidden ReLU layers cut some elements to 0 and keep others.
      for activations in [expected.activations[1], expected.activations[3]] {
        #expect(Self.bits(activations).contains(0) && Self.bits(activations).contains { $0 != 0 })
      }
      for (layer, matrices) in trainer.parameterGradients.enumerated() {
        for (index, matrix) in matrices.enumerated() {
          let same = Self.bits(matrix) == Self.bits(expected.parameters[layer][index])
          #expect(same, "\(kernels.name) \(elementType): layer \(layer) parameter \(index)")
        }
      }
      for (layer, matrix) in trainer.layerOutputGradients.prefix(4).enumerated() {
        let same = Self.bits(matrix) == Self.bits(expected.outputs[layer])
        #expect(same, "\(kernels.name) \(elementType): ∂L/∂a\(layer)")
      }
    }
  }

  @Test("only a dense layer with a bias followed by ReLU is fused")
  func pairs() throws {
    let kernels = KernelTable.selected
    #expect(DenseActivationFusion(try Dense(units: 4), then: ActivationLayer(ReLU()), kernels: kernels) != nil)
    #expect(
      DenseActivationFusion(try Dense(units: 4, bias: false), then: ActivationLayer(ReLU()), kernels: kernels)
        == nil)
    #expect(DenseActivationFusion(try Dense(units: 4), then: ActivationLayer(Tanh()), kernels: kernels) == nil)
    #expect(
      DenseActivationFusion(
        try Dense(units: 4), then: ActivationLayer(LeakyReLU(negativeSlope: 0.1)), kernels: kernels) == nil)
    #expect(DenseActivationFusion(ActivationLayer(ReLU()), then: try Dense(units: 4), kernels: kernels) == nil)
  }

  @Test("the passes on ranges of columns equal one pass over all of them", arguments: ElementType.allCases)
  func columnRanges(elementType: ElementType) throws {
    let (rows, width) = (9, 40)
    let random = RandomSource(seed: 13)
    var product = Matrix(rows: rows, columns: width)
    var upstream = Matrix(rows: rows, columns: width)
    var bias = Matrix(rows: 1, columns: width)
    for row in 0..<rows {
      for column in 0..<width {
        product[row, column] = random.uniform(from: -1, to: 1)
        upstream[row, column] = random.uniform(from: -1, to: 1)
      }
    }
    for column in 0..<width { bias[0, column] = random.uniform(from: -0.5, to: 0.5) }
    (product, upstream, bias) = (
      product.converted(to: elementType), upstream.converted(to: elementType), bias.converted(to: elementType)
    )
    let code = Int32(NNKernelActivationRectifier.rawValue)
    for kernels in KernelTable.runnable {
      var results: [[UInt64]] = []
      for cuts in [[0, width], [0, 3, 17, 33, width]] {
        var y = Matrix(rows: rows, columns: width, elementType: elementType)
        var gradient = y
        var sums = Matrix(rows: 1, columns: width, elementType: elementType)
        for (first, last) in zip(cuts, cuts.dropFirst()) {
          Self.run(
            kernels, code: code, product: product, bias: bias, upstream: upstream, y: &y, gradient: &gradient,
            sums: &sums, columns: first..<last)
        }
        results.append(Self.bits(y) + Self.bits(gradient) + Self.bits(sums))
      }
      let same = results[0] == results[1]
      #expect(same, "\(kernels.name) \(elementType)")
    }
  }

  /// Both kernels of `kernels` on one range of columns.
  private static func run(
    _ kernels: KernelTable, code: Int32, product: Matrix, bias: Matrix, upstream: Matrix, y: inout Matrix,
    gradient: inout Matrix, sums: inout Matrix, columns: Range<Int>
  ) {
    switch product.elementType {
    case .float64:
      run(
        kernels, code: code, product: product, bias: bias, upstream: upstream, y: &y, gradient: &gradient,
        sums: &sums, columns: columns, as: Double.self)
    case .float32:
      run(
        kernels, code: code, product: product, bias: bias, upstream: upstream, y: &y, gradient: &gradient,
        sums: &sums, columns: columns, as: Float.self)
    }
  }

  /// Both kernels on `Element`s: the float64 table's for `Double`, the float32 table's for `Float`.
  private static func run<Element: MatrixElement>(
    _ kernels: KernelTable, code: Int32, product: Matrix, bias: Matrix, upstream: Matrix, y: inout Matrix,
    gradient: inout Matrix, sums: inout Matrix, columns: Range<Int>, as type: Element.Type
  ) {
    let (rows, width, first, last) = (product.rows, product.columns, columns.lowerBound, columns.upperBound)
    let isDouble = Element.self == Double.self
    product.withUnsafeBufferPointer(as: Element.self) { product in
      bias.withUnsafeBufferPointer(as: Element.self) { bias in
        y.withUnsafeMutableBufferPointer(as: Element.self) { y in
          let (product, bias, y) = (product.baseAddress, bias.baseAddress, y.baseAddress)
          if isDouble {
            kernels.table.pointee.rowBiasActivation(code, 0, product, bias, y, rows, width, first, last)
          } else {
            kernels.floatTable.pointee.rowBiasActivation(code, 0, product, bias, y, rows, width, first, last)
          }
        }
      }
    }
    upstream.withUnsafeBufferPointer(as: Element.self) { upstream in
      y.withUnsafeBufferPointer(as: Element.self) { y in
        gradient.withUnsafeMutableBufferPointer(as: Element.self) { gradient in
          sums.withUnsafeMutableBufferPointer(as: Element.self) { sums in
            let (upstream, y, gradient, sums) = (
              upstream.baseAddress, y.baseAddress, gradient.baseAddress, sums.baseAddress
            )
            if isDouble {
              kernels.table.pointee.rowActivationGradientSums(
                code, 0, upstream, y, y, gradient, sums, rows, width, first, last)
            } else {
              kernels.floatTable.pointee.rowActivationGradientSums(
                code, 0, upstream, y, y, gradient, sums, rows, width, first, last)
            }
          }
        }
      }
    }
  }
}
