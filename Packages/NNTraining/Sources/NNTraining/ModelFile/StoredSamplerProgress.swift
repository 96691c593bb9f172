/// A batch stream as a model file stores it: the generator's state when its sampler was made, the batches drawn
/// since, and what the sampler drew from. Replaying the batches from that state rebuilds the sampler's
/// permutation exactly when nothing else drew from the generator in between (no dropout).
public struct StoredSamplerProgress: Codable, Sendable, Equatable {
  /// The generator's state bytes when the sampler was made, in base 64 (empty when no stream began).
  public var startState: String
  /// Batches drawn since.
  public var batches: Int
  /// The batch size.
  public var batchSize: Int
  /// The sampling mode (`shuffle`, `replacement`, `subset`; empty when no stream began).
  public var sampling: String
  /// The number of samples drawn from.
  public var samples: Int

  private enum CodingKeys: String, CodingKey {
    case batches, sampling, samples
    case startState = "start_state"
    case batchSize = "batch_size"
  }

  /// No batch stream yet: nothing drawn.
  public static let notStarted = StoredSamplerProgress(
    startState: "", batches: 0, batchSize: 0, sampling: "", samples: 0)

  /// A stored batch stream.
  ///
  /// - Parameters:
  ///   - startState: The generator's state bytes when the sampler was made, in base 64.
  ///   - batches: Batches drawn since.
  ///   - batchSize: The batch size.
  ///   - sampling: The sampling mode's name.
  ///   - samples: The number of samples drawn from.
  public init(startState: String, batches: Int, batchSize: Int, sampling: String, samples: Int) {
    self.startState = startState
    self.batches = batches
    self.batchSize = batchSize
    self.sampling = sampling
    self.samples = samples
  }
}
