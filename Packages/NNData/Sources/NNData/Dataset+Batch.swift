import NNCore

extension Dataset {
  /// Copies the given samples' features and targets into preallocated matrices, without allocating once
  /// their memory has grown to the largest batch.
  ///
  /// `features[k] ← self.features[indices[k]]` and `targets[k] ← self.targets[indices[k]]`; both matrices
  /// take the shape `indices.count × columns` (see `Matrix.resize(rows:columns:)`).
  ///
  /// - Parameters:
  ///   - indices: Sample numbers, each in `0..<count`, such as a batch from ``BatchSampler``.
  ///   - batchFeatures: Receives the batch's feature rows.
  ///   - batchTargets: Receives the batch's target rows.
  @inlinable public func gatherBatch(
    at indices: UnsafeBufferPointer<Int>, features batchFeatures: inout Matrix,
    targets batchTargets: inout Matrix
  ) {
    batchFeatures.gatherRows(of: features, at: indices)
    batchTargets.gatherRows(of: targets, at: indices)
  }

  /// The samples at the given indices, in that order, as a new data set with the same names.
  ///
  /// Allocates; for the training loop use ``gatherBatch(at:features:targets:)``.
  ///
  /// - Parameter indices: Sample numbers, each in `0..<count`; repeats are allowed.
  /// - Returns: A data set of `indices.count` samples.
  public func subset(at indices: [Int]) -> Dataset {
    var copy = self
    indices.withUnsafeBufferPointer { buffer in
      copy.features.gatherRows(of: features, at: buffer)
      copy.targets.gatherRows(of: targets, at: buffer)
    }
    copy.labels = labels.map { labels in indices.map { labels[$0] } }
    return copy
  }
}
