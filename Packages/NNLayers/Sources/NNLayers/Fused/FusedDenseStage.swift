import NNCore

/// Where a dense stage finds its parameters and puts their gradients: entries of the fused kernel's table of
/// addresses, which the kernel fills at the start of each step with the addresses of the network's own matrices
/// and of the trainer's gradient matrices (`W` is `inputs × units` row-major, `b` is `units` long). The addresses
/// are valid only while the kernel runs a step.
struct FusedDenseParameters {
  /// The entry holding the address of `W`.
  let weightsEntry: UnsafePointer<UnsafeMutablePointer<Double>>
  /// The entry holding the address of `b`, or `nil` without a bias.
  let biasEntry: UnsafePointer<UnsafeMutablePointer<Double>>?
  /// The entry holding the address that receives `∂L/∂W`.
  let weightGradientEntry: UnsafePointer<UnsafeMutablePointer<Double>>
  /// The entry holding the address that receives `∂L/∂b`, or `nil` without a bias.
  let biasGradientEntry: UnsafePointer<UnsafeMutablePointer<Double>>?

  /// `W`.
  var weights: UnsafePointer<Double> { UnsafePointer(weightsEntry.pointee) }
  /// `b`, or `nil` without a bias.
  var bias: UnsafePointer<Double>? { biasEntry.map { UnsafePointer($0.pointee) } }
  /// Receives `∂L/∂W`.
  var weightGradient: UnsafeMutablePointer<Double> { weightGradientEntry.pointee }
  /// Receives `∂L/∂b`, or `nil` without a bias.
  var biasGradient: UnsafeMutablePointer<Double>? { biasGradientEntry?.pointee }
}

/// A dense layer and the elementwise activation after it, over lanes of eight samples.
///
/// For each group of eight samples (one per lane), with `W` the `inputs × units` weights and `b` the bias:
/// ```
/// forward:   zⱼ = bⱼ + Σₖ xₖ · Wₖⱼ            yⱼ = f(zⱼ)
/// backward:  δⱼ = ∂L/∂yⱼ · f′(zⱼ, yⱼ)
///            ∂L/∂Wₖⱼ = Σ_samples xₖ · δⱼ      ∂L/∂bⱼ = Σ_samples δⱼ      ∂L/∂xₖ = Σⱼ δⱼ · Wₖⱼ
/// ```
/// A dense layer with no activation after it uses ``Identity``. The forward pass computes `z` for every group,
/// then `y = f(z)` in one pass over the whole layer (``FusedActivationPass/apply(_:_:to:count:)``), four vectors
/// at a time with their evaluations interleaved: an exponential is a chain of some twenty dependent instructions,
/// and evaluated one vector after another the chains left the core waiting (on iris, this pass took the step from
/// 2.1 µs to 1.8 µs with the cheaper ``VectorMath/logistic(_:)-(SIMD8<Double>)``). The stage is generic over the
/// activation so its `SIMD8` forms inline. The parameter gradients are summed over samples in rows of error terms
/// (``FusedParameterGradient``), or for narrow layers in lanes with one reduction per weight at the end of the
/// batch. Parameters and gradients are read and written in the network's and the trainer's own matrices, through
/// the kernel's table of their addresses (``FusedDenseParameters``).
struct FusedDenseStage<Activation: ElementwiseActivation>: FusedStageKernel {
  let activation: Activation
  let inputWidth: Int
  let outputWidth: Int
  let parameters: FusedDenseParameters
  let derivativeHandOff: FusedDerivativeHandOff

  var preActivationPlace: FusedPreActivationPlace {
    derivativeHandOff.upstreamIncludesDerivative ? .output : .own
  }

  var scratchWidth: Int {
    FusedParameterGradient.sumsInRows(outputWidth: outputWidth) ? FusedParameterGradient.paddedWidth(outputWidth) : 0
  }

  func forward(_ buffers: FusedStageBuffers) {
    LaneBlocks.run(
      count: outputWidth,
      Forward(
        input: buffers.input, inputWidth: inputWidth, weights: parameters.weights, bias: parameters.bias,
        outputWidth: outputWidth, preActivation: buffers.preActivation, groups: buffers.groups))
    // An identity with `z` kept in the output buffer has nothing left to do.
    if Activation.self == Identity.self && buffers.preActivation == buffers.output { return }
    FusedActivationPass.apply(
      activation, buffers.preActivation, to: buffers.output, count: buffers.groups &* outputWidth)
  }

  func backward(_ buffers: FusedStageBuffers) {
    let delta = buffers.outputGradient
    if !derivativeHandOff.upstreamIncludesDerivative {
      FusedActivationPass.multiplyByDerivative(
        activation, delta, input: buffers.preActivation, output: buffers.output, into: delta,
        count: buffers.groups &* outputWidth)
    }
    if FusedParameterGradient.sumsInRows(outputWidth: outputWidth) {
      let rows = UnsafeMutableRawPointer(buffers.scratch)
      FusedParameterGradient.transpose(delta, width: outputWidth, groups: buffers.groups, into: rows)
      FusedParameterGradient.accumulate(
        input: buffers.input, inputWidth: inputWidth, rows: UnsafeRawPointer(rows), outputWidth: outputWidth,
        groups: buffers.groups, weightGradient: parameters.weightGradient, biasGradient: parameters.biasGradient)
    } else {
      laneParameterGradients(buffers)
    }
    guard let inputGradient = buffers.inputGradient else { return }
    LaneBlocks.run(
      count: inputWidth,
      InputGradient(
        delta: delta, outputWidth: outputWidth, weights: parameters.weights, target: inputGradient,
        inputWidth: inputWidth, groups: buffers.groups, inputs: buffers.input,
        inputDerivative: derivativeHandOff.inputDerivative))
  }

  /// `∂L/∂W` and `∂L/∂b` with the sums over samples in the samples' lanes, reduced once per weight
  /// (``WeightGradient``, ``BiasGradient``): the faster way for narrow layers (see ``FusedParameterGradient``).
  ///
  /// - Parameter buffers: The stage's buffers, with `δ = ∂L/∂z` in ``FusedStageBuffers/outputGradient``.
  private func laneParameterGradients(_ buffers: FusedStageBuffers) {
    let delta = buffers.outputGradient
    var input = 0
    while inputWidth &- input >= 2 {
      LaneBlocks.run(
        count: outputWidth,
        WeightGradient<LaneBlock2>(
          input: buffers.input + input, inputWidth: inputWidth, delta: delta, outputWidth: outputWidth,
          groups: buffers.groups, target: parameters.weightGradient + input &* outputWidth))
      input &+= 2
    }
    if input < inputWidth {
      LaneBlocks.run(
        count: outputWidth,
        WeightGradient<LaneBlock1>(
          input: buffers.input + input, inputWidth: inputWidth, delta: delta, outputWidth: outputWidth,
          groups: buffers.groups, target: parameters.weightGradient + input &* outputWidth))
    }
    if let biasGradient = parameters.biasGradient {
      LaneBlocks.run(
        count: outputWidth,
        BiasGradient(delta: delta, outputWidth: outputWidth, groups: buffers.groups, target: biasGradient))
    }
  }

  /// `zⱼ = bⱼ + Σₖ xₖ Wₖⱼ` for one block of units `j`, two groups at a time (the activation comes in a pass of its
  /// own): each weight is broadcast once for two multiply-adds, and a block of eight has sixteen independent chains,
  /// twice what hides the multiply-add latency at two a cycle. Each sum is taken in the same order as one group at a
  /// time. Measured against one group at a time (medians of 9 to 11 interleaved runs): digits 0.91 M to 0.99 M
  /// samples/s, iris 35.6 M to 39.0 M.
  private struct Forward: LaneBlockKernel {
    let input: UnsafePointer<LaneVector>
    let inputWidth: Int
    let weights: UnsafePointer<Double>
    let bias: UnsafePointer<Double>?
    let outputWidth: Int
    let preActivation: UnsafeMutablePointer<LaneVector>

    let groups: Int

    @inline(__always)
    func run<Block: LaneBlock>(_ block: Block.Type, start: Int) {
      var initial = LaneAccumulators(repeating: .zero)
      if let bias {
        for unit in 0..<Block.width { initial[unit] = LaneVector(repeating: bias[start &+ unit]) }
      }
      var group = 0
      while groups &- group >= 2 {
        let x = input + group &* inputWidth
        let next = x + inputWidth
        var sums = initial
        var nextSums = initial
        var row = weights + start
        for index in 0..<inputWidth {
          let value = x[index]
          let nextValue = next[index]
          for unit in 0..<Block.width {
            let weight = LaneVector(repeating: row[unit])
            sums[unit].addProduct(weight, value)
            nextSums[unit].addProduct(weight, nextValue)
          }
          row += outputWidth
        }
        let z = preActivation + (group &* outputWidth &+ start)
        for unit in 0..<Block.width {
          z[unit] = sums[unit]
          z[outputWidth &+ unit] = nextSums[unit]
        }
        group &+= 2
      }
      if group < groups {
        let x = input + group &* inputWidth
        var sums = initial
        var row = weights + start
        for index in 0..<inputWidth {
          let value = x[index]
          for unit in 0..<Block.width { sums[unit].addProduct(row[unit], value) }
          row += outputWidth
        }
        let z = preActivation + (group &* outputWidth &+ start)
        for unit in 0..<Block.width { z[unit] = sums[unit] }
      }
    }
  }

  /// `∂L/∂Wₖⱼ = Σ_groups Σ_lanes xₖ δⱼ` for a tile of `Inputs.width` inputs `k` (1 or 2) and one block of
  /// units `j`: up to 16 accumulators, so each group's loads feed up to 16 fused multiply-adds.
  private struct WeightGradient<Inputs: LaneBlock>: LaneBlockKernel {
    /// `x` of group 0 at the tile's first input; group `g` is `inputWidth · g` further.
    let input: UnsafePointer<LaneVector>
    let inputWidth: Int
    let delta: UnsafePointer<LaneVector>
    let outputWidth: Int
    let groups: Int
    /// Row `k` of `∂L/∂W` for the tile's first input.
    let target: UnsafeMutablePointer<Double>

    @inline(__always)
    func run<Block: LaneBlock>(_ block: Block.Type, start: Int) {
      var first = LaneAccumulators(repeating: .zero)
      var second = LaneAccumulators(repeating: .zero)
      for group in 0..<groups {
        let x = input + group &* inputWidth
        let row = delta + (group &* outputWidth &+ start)
        let value = x[0]
        for unit in 0..<Block.width { first[unit].addProduct(value, row[unit]) }
        if Inputs.width == 2 {
          let next = x[1]
          for unit in 0..<Block.width { second[unit].addProduct(next, row[unit]) }
        }
      }
      LaneBlocks.storeSums(first, Block.self, to: target + start)
      if Inputs.width == 2 { LaneBlocks.storeSums(second, Block.self, to: target + (outputWidth &+ start)) }
    }
  }

  /// `∂L/∂bⱼ = Σ_groups Σ_lanes δⱼ` for one block of units `j`.
  private struct BiasGradient: LaneBlockKernel {
    let delta: UnsafePointer<LaneVector>
    let outputWidth: Int
    let groups: Int
    let target: UnsafeMutablePointer<Double>

    @inline(__always)
    func run<Block: LaneBlock>(_ block: Block.Type, start: Int) {
      var sums = LaneAccumulators(repeating: .zero)
      for group in 0..<groups {
        let row = delta + (group &* outputWidth &+ start)
        for unit in 0..<Block.width { sums[unit] += row[unit] }
      }
      LaneBlocks.storeSums(sums, Block.self, to: target + start)
    }
  }

  /// `∂L/∂xₖ = Σⱼ δⱼ Wₖⱼ` for one block of inputs `k`, two groups at a time like ``Forward`` (each sum in the same
  /// order as one group at a time), times the previous stage's activation derivative when it is handed over
  /// (``FusedDerivativeHandOff/inputDerivative``). Measured against one group at a time (medians of 7 and 11
  /// interleaved runs): digits 0.99 M to 1.01–1.06 M samples/s, iris unchanged.
  private struct InputGradient: LaneBlockKernel {
    let delta: UnsafePointer<LaneVector>
    let outputWidth: Int
    let weights: UnsafePointer<Double>
    let target: UnsafeMutablePointer<LaneVector>
    let inputWidth: Int
    let groups: Int
    /// `x`, the previous stage's outputs `y`, laid out like `target`.
    let inputs: UnsafePointer<LaneVector>
    let inputDerivative: OutputDerivative?

    @inline(__always)
    func run<Block: LaneBlock>(_ block: Block.Type, start: Int) {
      let rows = weights + start &* outputWidth
      var group = 0
      while groups &- group >= 2 {
        let d = delta + group &* outputWidth
        let next = d + outputWidth
        var sums = LaneAccumulators(repeating: .zero)
        var nextSums = LaneAccumulators(repeating: .zero)
        for unit in 0..<outputWidth {
          let value = d[unit]
          let nextValue = next[unit]
          for index in 0..<Block.width {
            let weight = LaneVector(repeating: rows[index &* outputWidth &+ unit])
            sums[index].addProduct(weight, value)
            nextSums[index].addProduct(weight, nextValue)
          }
        }
        let offset = group &* inputWidth &+ start
        FusedDerivativeHandOff.store(
          inputDerivative, sums, outputs: inputs + offset, to: target + offset, count: Block.width)
        FusedDerivativeHandOff.store(
          inputDerivative, nextSums, outputs: inputs + (offset &+ inputWidth), to: target + (offset &+ inputWidth),
          count: Block.width)
        group &+= 2
      }
      if group < groups {
        let d = delta + group &* outputWidth
        var sums = LaneAccumulators(repeating: .zero)
        for unit in 0..<outputWidth {
          let value = d[unit]
          for index in 0..<Block.width { sums[index].addProduct(rows[index &* outputWidth &+ unit], value) }
        }
        let offset = group &* inputWidth &+ start
        FusedDerivativeHandOff.store(
          inputDerivative, sums, outputs: inputs + offset, to: target + offset, count: Block.width)
      }
    }
  }
}
