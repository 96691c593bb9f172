import Foundation

/// The numbers one progress line or bar shows, as plain values.
struct ProgressSnapshot: Equatable {
  /// Steps done in this run.
  var iteration: Int
  /// Steps in the whole run.
  var iterations: Int
  /// Completed epochs.
  var epoch: Int
  /// The epoch the run ends at, when its length is given in epochs.
  var lastEpoch: Int?
  /// The mean of the recent batch losses.
  var loss: Double
  /// The accuracy over the whole training part, when known (NaN or `nil` otherwise).
  var accuracy: Double?
  /// The loss over the test part at the last evaluation, when one is held out.
  var validationLoss: Double?
  /// The accuracy over the test part at the last evaluation, when one is held out and the data has classes.
  var validationAccuracy: Double?
  /// Training samples per second so far (evaluation time left out).
  var samplesPerSecond: Double
  /// The estimated seconds left, when known.
  var secondsLeft: Double?

  /// The fraction of the run done, in [0, 1].
  var fractionDone: Double { iterations > 0 ? min(1, max(0, Double(iteration) / Double(iterations))) : 0 }

  /// A loss as printed: six decimals.
  ///
  /// - Parameter value: The loss.
  static func loss(_ value: Double) -> String { String(format: "%.6f", value) }

  /// An accuracy as printed: four decimals.
  ///
  /// - Parameter value: The accuracy, a fraction.
  static func accuracy(_ value: Double) -> String { String(format: "%.4f", value) }

  /// A rate with a metric prefix and three significant digits: `987`, `12.3k`, `4.56M`.
  ///
  /// - Parameter value: A non-negative rate.
  static func rate(_ value: Double) -> String {
    guard value.isFinite, value >= 0 else { return "-" }
    let prefixes: [(Double, String)] = [(1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, prefix) in prefixes where value >= scale {
      return significant(value / scale) + prefix
    }
    return String(format: "%.0f", value)
  }

  /// A duration as `m:ss`, or `h:mm:ss` from an hour on; `-` when not known.
  ///
  /// - Parameter seconds: The duration in seconds.
  static func duration(_ seconds: Double?) -> String {
    guard let seconds, seconds.isFinite, seconds >= 0, seconds < 360_000 else { return "-:--" }
    let whole = Int(seconds.rounded(.up))
    let (hours, minutes, rest) = (whole / 3600, (whole % 3600) / 60, whole % 60)
    if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, rest) }
    return String(format: "%d:%02d", minutes, rest)
  }

  /// `value` with three significant digits (value in [1, 1000)).
  private static func significant(_ value: Double) -> String {
    if value >= 99.95 { return String(format: "%.0f", value) }
    if value >= 9.995 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
  }
}
