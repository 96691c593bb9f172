import NNCore

extension Dataset {
  /// Splits the samples into a training part and a test part, at random from `random`.
  ///
  /// Stratified (classification only): each class `c` with `n_c` samples gives `round(testFraction · n_c)`
  /// samples to the test part, clamped to `1…n_c − 1` when `n_c ≥ 2` so that every class with two samples
  /// or more appears in both parts; a class of one sample stays in training. Otherwise the whole set is
  /// shuffled and `round(testFraction · n)`, clamped to `1…n − 1`, samples are held out.
  ///
  /// Both parts keep the samples' original order, the names and the classes. The same seed gives the same
  /// split.
  ///
  /// - Parameters:
  ///   - testFraction: The share of samples to hold out, strictly between 0 and 1.
  ///   - stratified: Whether to keep each class's share in both parts (ignored for regression); `true` by default.
  ///   - random: The source of the shuffles.
  /// - Returns: The training and test parts; together they hold every sample once.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` for a fraction outside (0, 1), or when a part
  ///   would be empty (fewer than two samples).
  public func split(testFraction: Double, stratified: Bool = true, random: RandomSource) throws
    -> (train: Dataset, test: Dataset)
  {
    guard testFraction > 0, testFraction < 1 else {
      throw DataError.invalidArgument(
        name: "test fraction", problem: "expected a number strictly between 0 and 1, got \(testFraction)")
    }
    guard count >= 2 else {
      throw DataError.invalidArgument(
        name: "test fraction",
        problem: "'\(name)' has \(count) sample\(count == 1 ? "" : "s"); a split needs at least 2")
    }
    var groups: [[Int]]
    if stratified, let labels {
      groups = Array(repeating: [], count: classCount)
      for (sample, label) in labels.enumerated() { groups[label].append(sample) }
    } else {
      groups = [Array(0..<count)]
    }
    var testIndices: [Int] = []
    for var group in groups where group.count >= 2 {
      random.shuffle(&group)
      let wanted = Int((testFraction * Double(group.count)).rounded())
      testIndices += group.prefix(min(max(wanted, 1), group.count - 1))
    }
    guard !testIndices.isEmpty else {
      throw DataError.invalidArgument(
        name: "test fraction",
        problem: "no class of '\(name)' has two samples, so the test part would be empty")
    }
    let isTest = Set(testIndices)
    let trainIndices = (0..<count).filter { !isTest.contains($0) }
    return (subset(at: trainIndices), subset(at: testIndices.sorted()))
  }
}
