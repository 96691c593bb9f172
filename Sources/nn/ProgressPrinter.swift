import Foundation

/// Prints training progress as plain lines on standard output.
struct ProgressPrinter {
  /// Whether anything is printed.
  let enabled: Bool

  /// Prints one progress line.
  ///
  /// - Parameters:
  ///   - iteration: Steps done.
  ///   - iterations: Steps in all.
  ///   - epoch: Completed epochs.
  ///   - meanBatchLoss: The mean of the batch losses since the last line.
  ///   - accuracy: The accuracy over the whole training data.
  func report(iteration: Int, iterations: Int, epoch: Int, meanBatchLoss: Double, accuracy: Double) {
    guard enabled else { return }
    let width = String(iterations).count
    let step = String(iteration).leftPadded(to: width)
    print(
      "iteration \(step)/\(iterations)  epoch \(epoch)  batch loss \(format(meanBatchLoss))  "
        + "accuracy \(String(format: "%.4f", accuracy))")
  }

  private func format(_ value: Double) -> String { String(format: "%.6f", value) }
}

extension String {
  /// The string with spaces in front, to at least `width` characters.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
