/// Renders a progress snapshot as one terminal line that fits a width: position, a bar, loss, accuracy,
/// validation loss and accuracy, samples per second and the time left.
///
/// ```
/// epoch 37/1000 [===>        ]   3.7%  loss 0.041200  acc 0.9667  val loss 0.053300  val acc 0.9333  1.20M samples/s  ETA 0:03
/// ```
/// When the line is too wide, the bar shrinks to its least width first, then the fields at the end go one by one
/// (time left, speed, validation accuracy, …); when even the loss does not fit beside the bar, the bar goes. The
/// position and the loss always stay (cut at the width as a last resort).
enum ProgressBar {
  /// The least number of cells between the brackets.
  static let minimumBarWidth = 8
  /// The most number of cells between the brackets.
  static let maximumBarWidth = 30

  /// The line for `snapshot`, at most `width − 1` characters (a full-width line would make some terminals wrap).
  ///
  /// - Parameters:
  ///   - snapshot: What to show.
  ///   - width: The terminal's width in columns.
  static func line(_ snapshot: ProgressSnapshot, width: Int) -> String {
    let room = max(1, width - 1)
    let position = positionText(snapshot)
    let percent = String(format: "%5.1f%%", snapshot.fractionDone * 100)
    var fields = fieldTexts(snapshot)
    while true {
      let tail = ([percent] + fields).joined(separator: "  ")
      let fixed = position.count + 1 + 2 + 1 + tail.count
      let barWidth = min(maximumBarWidth, room - fixed)
      if barWidth >= minimumBarWidth {
        return position + " " + bar(snapshot.fractionDone, cells: barWidth) + " " + tail
      }
      if fields.count > 1 {
        fields.removeLast()
        continue
      }
      let plain = ([position] + fields).joined(separator: "  ")
      return String(plain.prefix(room))
    }
  }

  /// `[=====>     ]` with `cells` cells between the brackets, filled to `fraction`.
  ///
  /// - Parameters:
  ///   - fraction: The part done, in [0, 1].
  ///   - cells: The cells between the brackets.
  static func bar(_ fraction: Double, cells: Int) -> String {
    let filled = Int((fraction * Double(cells)).rounded(.down))
    if filled >= cells { return "[" + String(repeating: "=", count: cells) + "]" }
    return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: cells - filled - 1) + "]"
  }

  /// `epoch 37/1000`, or `iteration 120/500` for a run given in iterations.
  private static func positionText(_ snapshot: ProgressSnapshot) -> String {
    if let lastEpoch = snapshot.lastEpoch { return "epoch \(snapshot.epoch)/\(lastEpoch)" }
    return "iteration \(snapshot.iteration)/\(snapshot.iterations)"
  }

  /// The fields after the bar, most important first.
  private static func fieldTexts(_ snapshot: ProgressSnapshot) -> [String] {
    var fields = ["loss \(ProgressSnapshot.loss(snapshot.loss))"]
    if let accuracy = snapshot.accuracy, !accuracy.isNaN { fields.append("acc \(ProgressSnapshot.accuracy(accuracy))") }
    if let loss = snapshot.validationLoss { fields.append("val loss \(ProgressSnapshot.loss(loss))") }
    if let accuracy = snapshot.validationAccuracy, !accuracy.isNaN {
      fields.append("val acc \(ProgressSnapshot.accuracy(accuracy))")
    }
    fields.append("\(ProgressSnapshot.rate(snapshot.samplesPerSecond)) samples/s")
    fields.append("ETA \(ProgressSnapshot.duration(snapshot.secondsLeft))")
    return fields
  }
}
