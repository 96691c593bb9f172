/// The mean of a stream of numbers, `Σ x / n`, taken and restarted at the end of each period.
struct RunningMean: Sendable, Equatable {
  /// The sum so far.
  private(set) var sum = 0.0
  /// How many numbers were added.
  private(set) var count = 0

  /// The mean so far (NaN before the first number).
  var mean: Double { count > 0 ? sum / Double(count) : .nan }

  /// Adds a number.
  ///
  /// - Parameter value: The number.
  mutating func add(_ value: Double) {
    sum += value
    count += 1
  }

  /// The mean so far, starting over.
  mutating func take() -> Double {
    defer { self = RunningMean() }
    return mean
  }
}
