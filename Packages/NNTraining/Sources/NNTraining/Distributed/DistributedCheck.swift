import NNCore
import NNData
import NNLayers

/// The check that every process of a fit across processes trains the same thing: a digest of each setting and of
/// the data, compared with process 0's.
enum DistributedCheck {
  /// 64-bit FNV-1a of `bytes`.
  ///
  /// - Parameter bytes: The bytes.
  static func digest<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }

  /// The digest of a matrix's shape, element type and elements, bit for bit.
  ///
  /// - Parameter matrix: The matrix.
  static func digest(_ matrix: Matrix) -> UInt64 {
    let shape = "\(matrix.rows)x\(matrix.columns)" + (matrix.elementType == .float64 ? "" : " \(matrix.elementType)")
    var hash = digest(shape.utf8)
    func addElements<Element: MatrixElement>(_ type: Element.Type) {
      matrix.withUnsafeBufferPointer(as: type) { values in hash ^= digest(UnsafeRawBufferPointer(values)) &* 31 }
    }
    if matrix.elementType == .float64 { addElements(Double.self) } else { addElements(Float.self) }
    return hash
  }

  /// The digest of a data set: its shape and values.
  ///
  /// - Parameter dataset: The data set.
  static func digest(_ dataset: Dataset) -> UInt64 {
    digest(dataset.features) &* 3 ^ digest(dataset.targets)
  }

  /// What every process must agree on, named as a message says it, with its digest.
  ///
  /// - Parameters:
  ///   - run: The run.
  ///   - training: The training part.
  ///   - validation: The validation part, if any.
  ///   - length: The fit's length.
  ///   - options: The fit's options.
  static func digests(
    of run: TrainingRun, training: Dataset, validation: Dataset?, length: TrainingLength, options: FitOptions
  ) -> [(String, UInt64)] {
    let trainer = run.trainer
    let network = trainer.network
    let layers = network.layers.map(\.configuration.description).joined(separator: ",")
    return [
      ("the network", digest("\(network.inputWidth):\(layers)".utf8)),
      ("the loss", digest(trainer.loss.configuration.description.utf8)),
      ("the optimizer", digest(trainer.optimizer.configuration.description.utf8)),
      ("the learning rate", digest("\(trainer.learningRate.bitPattern)".utf8)),
      ("the gradient clipping", digest(String(describing: trainer.gradientClipping).utf8)),
      ("the batch size", digest("\(run.batchSize)".utf8)),
      ("the sampling", digest(String(describing: run.sampling).utf8)),
      ("the length of training", digest("\(length) \(String(describing: options.blockLength))".utf8)),
      ("the steps already taken", digest("\(run.completedSteps)".utf8)),
      ("the random generator's state (the seed)", digest(run.random.stateBytes)),
      ("the training data", digest(training)),
      ("the validation data", validation.map(digest) ?? 0),
    ]
  }

  /// Compares this process's digests with process 0's on every process; throws the same
  /// ``DistributedError/mismatch(_:)`` everywhere when any process differs.
  ///
  /// - Parameters:
  ///   - digests: This process's named digests, in the same order on every process.
  ///   - group: The processes.
  static func compare(_ digests: [(String, UInt64)], in group: any ProcessGroup) throws {
    guard group.size > 1 else { return }
    var reference = digests.map(\.1)
    try reference.withUnsafeMutableBytes { try group.broadcast($0, from: 0) }
    // Row r, column k: whether process r's setting k differs from process 0's; every process fills its row.
    var flags = [Double](repeating: 0, count: group.size * digests.count)
    for (index, (_, value)) in digests.enumerated() where value != reference[index] {
      flags[group.rank * digests.count + index] = 1
    }
    try flags.withUnsafeMutableBufferPointer { try group.allreduceSum($0) }
    var differences: [DistributedError.Difference] = []
    for rank in 1..<group.size {
      let what = digests.indices.filter { flags[rank * digests.count + $0] != 0 }.map { digests[$0].0 }
      if !what.isEmpty { differences.append(DistributedError.Difference(rank: rank, what: what)) }
    }
    guard differences.isEmpty else { throw DistributedError.mismatch(differences) }
  }
}
