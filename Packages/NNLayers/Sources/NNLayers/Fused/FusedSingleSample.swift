import CNNKernels
@_spi(Internals) import NNCore

/// A step of the fused kernel on one sample (online training, batch size 1), vectorised over each layer's units
/// instead of over samples: one call into the C kernels for the whole step
/// (``/NNCore/KernelTable``, `singleSample`).
///
/// In lanes of eight samples, a batch of one fills one lane in eight: every activation is evaluated eight times over
/// and every weight gradient is a sum across lanes of which seven hold zeros. On iris (4-12-6-3 sigmoid, plain
/// gradient descent) those two took 37% of a step. Here `z = b + x·W` runs on vectors of eight units, the
/// activation on the units' vectors, and `∂L/∂W = xᵀδ` is one product per weight. The operations and roundings are
/// those of the lane kernels for a batch of one row, so the path changes no result.
final class FusedSingleSample {
  /// The stages, as the C kernels read them.
  private let stages: UnsafeMutablePointer<NNKernelStage>
  private let stageCount: Int
  /// The C function's work space.
  private let work: UnsafeMutablePointer<Double>
  /// The loss's code (``NNKernelLoss``).
  private let lossCode: Int32
  /// The derivative the squared error applies (``OutputDerivative``), as a code.
  private let lossDerivative: Int32
  /// The loss.
  private let loss: FusedLoss

  /// The single-sample step of the planned stages, or `nil` when a stage's activation is not one the C kernels know.
  ///
  /// - Parameters:
  ///   - stages: Each stage's widths, whether it is dense, its activation (`nil`: none), its hand-off and, for a
  ///     dense stage, its parameters.
  ///   - loss: The loss.
  ///   - lossDerivative: The derivative the loss applies, if any.
  init?(
    stages plan: [(
      inputWidth: Int, outputWidth: Int, activation: (any ElementwiseActivation)?, handOff: FusedDerivativeHandOff,
      parameters: FusedDenseParameters?
    )],
    loss: FusedLoss, lossDerivative: OutputDerivative?
  ) {
    var descriptors: [NNKernelStage] = []
    for stage in plan {
      let code: FusedKernelActivation
      if let activation = stage.activation {
        guard let known = FusedKernelActivation(activation) else { return nil }
        code = known
      } else {
        code = FusedKernelActivation(Identity())!
      }
      var descriptor = NNKernelStage()
      descriptor.inputWidth = stage.inputWidth
      descriptor.outputWidth = stage.outputWidth
      descriptor.isDense = stage.parameters == nil ? 0 : 1
      descriptor.activation = code.code
      descriptor.parameter = code.parameter
      descriptor.upstreamIncludesDerivative = stage.handOff.upstreamIncludesDerivative ? 1 : 0
      descriptor.inputDerivative = stage.handOff.inputDerivative?.kernelCode ?? 0
      if let parameters = stage.parameters {
        descriptor.weights = Self.entry(parameters.weightsEntry)
        descriptor.bias = parameters.biasEntry.map(Self.entry)
        descriptor.weightGradient = Self.entry(parameters.weightGradientEntry)
        descriptor.biasGradient = parameters.biasGradientEntry.map(Self.entry)
      }
      descriptors.append(descriptor)
    }
    guard !descriptors.isEmpty else { return nil }
    stages = UnsafeMutablePointer<NNKernelStage>.allocate(capacity: descriptors.count)
    stages.initialize(from: descriptors, count: descriptors.count)
    stageCount = descriptors.count
    // Aligned to a cache line, as the C function's vectors of eight read it best.
    let size = max(NNKernelsSingleSampleWork(stages, stageCount), 1)
    work = UnsafeMutableRawPointer.allocate(byteCount: size * MemoryLayout<Double>.stride, alignment: 64)
      .bindMemory(to: Double.self, capacity: size)
    work.initialize(repeating: 0, count: size)
    switch loss {
    case .squaredError: lossCode = Int32(NNKernelLossSquaredError.rawValue)
    case .softmaxCrossEntropy: lossCode = Int32(NNKernelLossSoftmaxCrossEntropy.rawValue)
    }
    self.lossDerivative = lossDerivative?.kernelCode ?? 0
    self.loss = loss
  }

  /// An entry of the kernel's address table as C reads it (`double *const *`; an optional pointer has the layout
  /// of a pointer).
  ///
  /// - Parameter entry: The entry.
  private static func entry(
    _ entry: UnsafePointer<UnsafeMutableRawPointer>
  ) -> UnsafePointer<UnsafeMutablePointer<Double>?> {
    UnsafeRawPointer(entry).assumingMemoryBound(to: UnsafeMutablePointer<Double>?.self)
  }

  /// Lets the step read and write `slack` values past the end of every parameter and gradient matrix (it then runs
  /// layers narrower than eight units on whole vectors: on iris, 4-12-6-3, a tenth of the step went to scalar loops
  /// over the last units of rows).
  ///
  /// - Parameter slack: The room after every matrix, in values; the values there are zero and stay zero.
  func allowReaching(past slack: Int) {
    for index in 0..<stageCount { stages[index].slack = slack }
  }

  deinit {
    stages.deallocate()
    work.deallocate()
  }

  /// The step's passes on one sample, with the kernel's address entries filled; returns the loss.
  ///
  /// - Parameters:
  ///   - input: The sample's features.
  ///   - target: Its targets.
  ///   - width: The number of targets.
  ///   - kernels: The C kernels.
  func passes(input: UnsafePointer<Double>, target: UnsafePointer<Double>, width: Int, kernels: KernelTable) -> Double {
    let scale: Double
    switch loss {
    case .squaredError(let reduction): scale = reduction == .sum ? 1 : 1 / Double(width)
    case .softmaxCrossEntropy: scale = 1
    }
    let total = kernels.table.pointee.singleSample(
      stages, stageCount, input, target, lossCode, scale, lossDerivative, work)
    return total * scale
  }
}
