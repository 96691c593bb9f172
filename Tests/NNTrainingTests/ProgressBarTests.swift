import Foundation
import Testing

@testable import NNTraining

/// The progress output: the bar fitted to a terminal's width, its numbers, the plain lines, and the choice
/// between bar, lines and nothing.
@Suite("progress bar")
struct ProgressBarTests {
  /// A snapshot with every field set, in the middle of a long run.
  static let full = ProgressSnapshot(
    iteration: 370, iterations: 10_000, epoch: 37, lastEpoch: 1000, loss: 0.0412345, accuracy: 0.966_666,
    validationLoss: 0.0533, validationAccuracy: 0.933_333, samplesPerSecond: 1_234_567, secondsLeft: 183.2)

  @Test("every line fits the terminal width, less one column", arguments: [10, 20, 40, 60, 80, 100, 132, 200])
  func fitsWidth(width: Int) {
    let line = ProgressBar.line(Self.full, width: width)
    #expect(line.count <= width - 1, "\(line.count) characters at width \(width): \(line)")
    #expect(line.hasPrefix("epoch 37/1000") || "epoch 37/1000".hasPrefix(line), "the position stays, cut last")
    #expect(!line.contains("\n") && !line.contains("\r"))
  }

  @Test("a wide terminal shows every field, formatted")
  func wideLine() {
    let line = ProgressBar.line(Self.full, width: 200)
    for part in [
      "epoch 37/1000 [", "3.7%", "loss 0.041235", "acc 0.9667", "val loss 0.053300", "val acc 0.9333",
      "1.23M samples/s", "ETA 3:04",
    ] {
      #expect(line.contains(part), "'\(part)' missing from: \(line)")
    }
  }

  @Test("a narrow terminal drops the fields at the end first and keeps the loss")
  func narrowLine() {
    let line = ProgressBar.line(Self.full, width: 60)
    #expect(line.contains("loss 0.041235"))
    #expect(!line.contains("ETA"))
    #expect(line.contains("["), "the bar stays while the loss fits beside it: \(line)")
    let tiny = ProgressBar.line(Self.full, width: 30)
    #expect(!tiny.contains("["), "no room for a bar: \(tiny)")
  }

  @Test(
    "the bar fills in proportion", arguments: [(0.0, "[>         ]"), (0.5, "[=====>    ]"), (1.0, "[==========]")])
  func barCells(fraction: Double, expected: String) {
    #expect(ProgressBar.bar(fraction, cells: 10) == expected)
  }

  @Test("a run in iterations shows the iteration; regression leaves out the accuracy")
  func iterationsAndRegression() {
    var snapshot = Self.full
    snapshot.lastEpoch = nil
    snapshot.accuracy = .nan
    snapshot.validationAccuracy = nil
    let line = ProgressBar.line(snapshot, width: 200)
    #expect(line.hasPrefix("iteration 370/10000 ["))
    #expect(!line.contains("acc "))
  }

  @Test(
    "rates and durations",
    arguments: [(987.0, "987"), (12_345, "12.3k"), (4_560_000, "4.56M"), (123_456_789, "123M"), (2.5e9, "2.50G")])
  func rates(value: Double, text: String) {
    #expect(ProgressSnapshot.rate(value) == text)
  }

  @Test("durations as m:ss and h:mm:ss")
  func durations() {
    #expect(ProgressSnapshot.duration(0) == "0:00")
    #expect(ProgressSnapshot.duration(59.2) == "1:00")
    #expect(ProgressSnapshot.duration(3725) == "1:02:05")
    #expect(ProgressSnapshot.duration(nil) == "-:--")
    #expect(ProgressSnapshot.duration(.infinity) == "-:--")
  }

  @Test("the plain line keeps its shape and adds the validation numbers")
  func plainLine() {
    var snapshot = Self.full
    snapshot.iteration = 1000
    #expect(
      ProgressPrinter.plainLine(snapshot)
        == "iteration  1000/10000  epoch 37  batch loss 0.041235  accuracy 0.9667  val loss 0.053300  "
        + "val accuracy 0.9333")
    snapshot.validationLoss = nil
    snapshot.validationAccuracy = nil
    #expect(ProgressPrinter.plainLine(snapshot).hasSuffix("accuracy 0.9667"))
  }

  @Test(
    "bar on a terminal, lines elsewhere, nothing with --quiet or --json",
    arguments: [
      (false, false, true, ProgressPrinter.Style.bar(width: 90)), (false, false, false, .lines),
      (true, false, true, .silent), (false, true, true, .silent), (true, true, false, .silent),
    ] as [(Bool, Bool, Bool, ProgressPrinter.Style)])
  func style(quiet: Bool, json: Bool, isTerminal: Bool, expected: ProgressPrinter.Style) {
    #expect(ProgressPrinter.Style.choose(quiet: quiet, json: json, isTerminal: isTerminal, width: 90) == expected)
  }

  /// Collects what a printer writes.
  final class Output {
    /// Everything written so far.
    var text = ""
  }

  @Test("the bar redraws in place, at most every 100 ms, and ends with a newline")
  func barPrinter() {
    let output = Output()
    var printer = ProgressPrinter(style: .bar(width: 80)) { output.text += $0 }
    let start = ContinuousClock.now
    #expect(printer.wantsRedraw(at: start))
    printer.redraw(Self.full, at: start)
    #expect(!printer.wantsRedraw(at: start + .milliseconds(50)))
    #expect(printer.wantsRedraw(at: start + .milliseconds(100)))
    printer.reportBlock(Self.full)
    printer.finish()
    #expect(output.text.hasPrefix("\r" + ProgressBar.line(Self.full, width: 80)))
    #expect(output.text.filter { $0 == "\n" }.count == 1 && output.text.hasSuffix("\n"))
  }

  @Test("plain lines print one line per block and never a carriage return; silent prints nothing")
  func linePrinter() {
    let output = Output()
    var lines = ProgressPrinter(style: .lines) { output.text += $0 }
    lines.redraw(Self.full, at: .now)
    lines.reportBlock(Self.full)
    lines.finish()
    #expect(output.text == ProgressPrinter.plainLine(Self.full) + "\n")
    let quiet = Output()
    var silent = ProgressPrinter(style: .silent) { quiet.text += $0 }
    silent.reportBlock(Self.full)
    silent.redraw(Self.full, at: .now)
    silent.note("restored")
    silent.finish()
    #expect(quiet.text.isEmpty)
  }
}
