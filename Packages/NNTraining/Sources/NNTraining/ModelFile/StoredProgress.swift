import Foundation
import NNCore
import NNLayers

/// Where training stopped, as a model file stores it: the steps taken over every run, and the random source,
/// so a resumed run draws the batches an uninterrupted run would have drawn.
public struct StoredProgress: Codable, Sendable, Equatable {
  /// Mini-batch steps taken over all runs (a learning-rate schedule continues from here).
  public var iterations: Int
  /// The random generator's GSL name (`mt19937`); empty when no generator was stored.
  public var generator: String
  /// The generator's state bytes, in base 64; empty when no generator was stored.
  public var randomState: String
  /// Where the batch stream began, so a resumed run can rebuild the sampler's permutation.
  public var sampler: StoredSamplerProgress

  private enum CodingKeys: String, CodingKey {
    case iterations, generator, sampler
    case randomState = "random_state"
  }

  /// The progress of a run: its step count and, if given, the random source's current state.
  ///
  /// - Parameters:
  ///   - iterations: Mini-batch steps taken over all runs.
  ///   - random: The run's random source, whose generator and state are stored; `nil` stores none.
  ///   - sampler: The batch stream, if one began.
  public init(iterations: Int = 0, random: RandomSource? = nil, sampler: StoredSamplerProgress = .notStarted) {
    self.iterations = iterations
    generator = random?.generatorName ?? ""
    randomState = random.map { Data($0.stateBytes).base64EncodedString() } ?? ""
    self.sampler = sampler
  }
}
