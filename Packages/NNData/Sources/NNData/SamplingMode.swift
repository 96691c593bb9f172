/// How a ``BatchSampler`` chooses the samples of each batch.
public enum SamplingMode: String, Sendable, Codable, CaseIterable {
  /// Epochs without replacement: the sample order is reshuffled at the start of each epoch and cut into
  /// consecutive batches; the last batch of an epoch holds the remainder and may be smaller (PyTorch's
  /// `DataLoader(shuffle=True, drop_last=False)`). Every sample is seen exactly once per epoch.
  case shuffle
  /// Each batch is `batchSize` independent uniform draws, so a batch may repeat a sample
  /// (numpy's `np.random.choice(n, batchSize)`).
  case replacement
  /// Each batch is a fresh uniform sample without replacement: no repeats within a batch, but independent
  /// of the previous batches (Python's `random.sample(range(n), batchSize)`). Needs `batchSize ≤ n`.
  case subset

  /// The mode used when none is chosen: ``shuffle``.
  public static let `default` = SamplingMode.shuffle
}
