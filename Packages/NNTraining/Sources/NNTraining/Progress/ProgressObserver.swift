import Foundation

/// Shows a fit's progress: a bar redrawn in place on a terminal (position, loss, accuracy, validation loss and
/// accuracy, samples per second, time left), or one plain line per block for logs and pipes, or nothing.
///
/// ```swift
/// let progress = ProgressObserver(style: .automatic)            // a bar on a terminal, lines otherwise
/// try run.fit(train, validation: test, length: .epochs(1000), observers: [progress])
/// ```
///
/// Place it before ``EarlyStoppingObserver`` in the list, so its last line shows the fit's end before the best
/// epoch is restored.
public final class ProgressObserver: TrainingObserver {
  /// After every step while it draws a bar (to redraw it when due); none otherwise.
  public var stepEvents: TrainingStepEvents { printer.showsBar ? .didEnd : [] }

  /// The printer.
  private var printer: ProgressPrinter

  /// A progress display.
  ///
  /// - Parameters:
  ///   - style: How progress is shown.
  ///   - write: Where the text goes (standard output, flushed, by default).
  public init(style: ProgressStyle, write: @escaping (String) -> Void = ProgressObserver.standardOutput) {
    printer = ProgressPrinter(style: style.resolved, write: write)
  }

  /// Writes text to standard output at once (flushed).
  ///
  /// - Parameter text: What to write.
  public static func standardOutput(_ text: String) { ProgressPrinter.standardOutput(text) }

  /// Whether anything is shown.
  public var isEnabled: Bool { printer.enabled }

  /// Prints a line of its own (unless silent), ending the bar's line first.
  ///
  /// - Parameter text: The line, without its newline.
  public func note(_ text: String) { printer.note(text) }

  /// Prints the block's plain line, with the training accuracy (evaluated now if the fit did not just evaluate
  /// it) and the latest validation loss and accuracy.
  ///
  /// - Parameters:
  ///   - block: The block that ended.
  ///   - run: The run.
  public func blockDidEnd(_ block: BlockReport, _ run: inout TrainingRun) throws {
    guard printer.enabled else { return }
    _ = try run.trainingEvaluation()
    printer.reportBlock(snapshot(run, loss: block.meanLoss))
  }

  /// Redraws the bar when it is due, or at the fit's last step.
  ///
  /// - Parameters:
  ///   - step: The step that ended.
  ///   - run: The run.
  public func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws {
    guard printer.showsBar else { return }
    let now = ContinuousClock.now
    let isLast = step.iteration == step.iterations || run.stopReason != nil
    guard isLast || printer.wantsRedraw(at: now) else { return }
    var snapshot = snapshot(run, loss: run.position.recentLoss)
    snapshot.lastEpoch = run.position.lastEpoch
    let seconds = run.trainingSeconds(at: now)
    snapshot.samplesPerSecond = seconds > 0 ? Double(run.position.samples) / seconds : 0
    let elapsed = run.elapsedSeconds(at: now)
    snapshot.secondsLeft = elapsed / Double(step.iteration) * Double(step.iterations - step.iteration)
    printer.redraw(snapshot, at: now)
  }

  /// Ends the bar's line.
  ///
  /// - Parameter run: The run.
  public func fitDidEnd(_ run: inout TrainingRun) throws { printer.finish() }

  /// The numbers to show now.
  private func snapshot(_ run: TrainingRun, loss: Double) -> ProgressSnapshot {
    ProgressSnapshot(
      iteration: run.position.iteration, iterations: run.position.iterations, epoch: run.position.epoch,
      lastEpoch: nil, loss: loss, accuracy: run.latestTrainingAccuracy.flatMap { $0.isNaN ? nil : $0 },
      validationLoss: run.latestValidation?.loss, validationAccuracy: run.latestValidation?.accuracy,
      samplesPerSecond: 0, secondsLeft: nil)
  }
}

/// How a ``ProgressObserver`` shows progress.
public enum ProgressStyle: Sendable, Equatable {
  /// Nothing.
  case silent
  /// One plain line per block: `iteration  1000/10000  epoch 100  batch loss 0.435656  accuracy 0.9667`.
  case lines
  /// One line redrawn in place at most every 100 ms, fitted to a terminal of the given width.
  case bar(width: Int)
  /// A bar when standard output is a terminal (as wide as it), lines otherwise.
  case automatic

  /// The style with ``automatic`` decided from standard output.
  var resolved: ProgressPrinter.Style {
    switch self {
    case .silent: .silent
    case .lines: .lines
    case .bar(let width): .bar(width: width)
    case .automatic:
      ProgressPrinter.Style.choose(
        quiet: false, json: false, isTerminal: isatty(STDOUT_FILENO) == 1, width: ProgressPrinter.terminalWidth())
    }
  }
}
