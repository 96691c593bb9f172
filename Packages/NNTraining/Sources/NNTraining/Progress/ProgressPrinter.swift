import Foundation

/// Shows training progress on standard output: a bar redrawn in place on a terminal, plain periodic lines
/// otherwise, or nothing.
struct ProgressPrinter {
  /// How progress is shown.
  enum Style: Equatable {
    /// Nothing (`--quiet` or `--json`).
    case silent
    /// One line per progress block, for logs and pipes.
    case lines
    /// One line redrawn in place with a carriage return, at most ``ProgressPrinter/redrawInterval`` apart,
    /// fitted to a terminal of the given width.
    case bar(width: Int)

    /// The style for the flags and where standard output goes.
    ///
    /// - Parameters:
    ///   - quiet: Whether `--quiet` was given.
    ///   - json: Whether `--json` was given.
    ///   - isTerminal: Whether standard output is a terminal.
    ///   - width: The terminal's width in columns.
    static func choose(quiet: Bool, json: Bool, isTerminal: Bool, width: Int) -> Style {
      if quiet || json { return .silent }
      return isTerminal ? .bar(width: width) : .lines
    }
  }

  /// The least time between two redraws of the bar.
  static let redrawInterval = Duration.milliseconds(100)

  /// How progress is shown.
  let style: Style
  /// Where the text goes.
  private let write: (String) -> Void
  /// When the bar was last drawn.
  private var lastDraw: ContinuousClock.Instant?
  /// Whether a bar is on the screen and needs a newline before other output.
  private var barShown = false

  /// A printer of the given style.
  ///
  /// - Parameters:
  ///   - style: How progress is shown.
  ///   - write: Where the text goes (standard output by default).
  init(style: Style, write: @escaping (String) -> Void = ProgressPrinter.standardOutput) {
    self.style = style
    self.write = write
  }

  /// Whether anything is shown.
  var enabled: Bool { style != .silent }

  /// Whether progress is a bar redrawn in place.
  var showsBar: Bool {
    if case .bar = style { return true }
    return false
  }

  /// Whether the caller should draw the bar now: a bar is shown and the last redraw is old enough.
  ///
  /// - Parameter now: The current time.
  func wantsRedraw(at now: ContinuousClock.Instant) -> Bool {
    guard showsBar else { return false }
    guard let lastDraw else { return true }
    return now - lastDraw >= Self.redrawInterval
  }

  /// Prints the plain line of a progress block (only in the ``Style/lines`` style).
  ///
  /// - Parameter snapshot: The numbers at the end of the block.
  func reportBlock(_ snapshot: ProgressSnapshot) {
    guard style == .lines else { return }
    write(Self.plainLine(snapshot) + "\n")
  }

  /// Redraws the bar in place (only in the ``Style/bar(width:)`` style).
  ///
  /// - Parameters:
  ///   - snapshot: The numbers now.
  ///   - now: The current time.
  mutating func redraw(_ snapshot: ProgressSnapshot, at now: ContinuousClock.Instant) {
    guard case .bar(let width) = style else { return }
    write("\r" + ProgressBar.line(snapshot, width: width) + "\u{1B}[K")
    lastDraw = now
    barShown = true
  }

  /// Ends the bar's line, so that what follows starts on a line of its own.
  mutating func finish() {
    if barShown { write("\n") }
    barShown = false
  }

  /// Prints a line of its own (in any style but silent), ending the bar's line first.
  ///
  /// - Parameter text: The line, without its newline.
  mutating func note(_ text: String) {
    guard enabled else { return }
    finish()
    write(text + "\n")
  }

  /// One plain progress line: `iteration  1000/10000  epoch 100  batch loss 0.435656  accuracy 0.9667`, then
  /// `val loss` and `val accuracy` when a test part is held out.
  ///
  /// - Parameter snapshot: The numbers at the end of a block.
  static func plainLine(_ snapshot: ProgressSnapshot) -> String {
    let step = String(snapshot.iteration).leftPadded(to: String(snapshot.iterations).count)
    var line = "iteration \(step)/\(snapshot.iterations)  epoch \(snapshot.epoch)  "
    line += "batch loss \(ProgressSnapshot.loss(snapshot.loss))"
    if let accuracy = snapshot.accuracy { line += "  accuracy \(ProgressSnapshot.accuracy(accuracy))" }
    if let loss = snapshot.validationLoss { line += "  val loss \(ProgressSnapshot.loss(loss))" }
    if let accuracy = snapshot.validationAccuracy, !accuracy.isNaN {
      line += "  val accuracy \(ProgressSnapshot.accuracy(accuracy))"
    }
    return line
  }

  /// Writes `text` to standard output at once.
  ///
  /// - Parameter text: What to write.
  static func standardOutput(_ text: String) {
    print(text, terminator: "")
    fflush(nil)
  }

  /// The width of the terminal on standard output: its window size, else `COLUMNS`, else 80.
  static func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
    return 80
  }
}

extension String {
  /// The string with spaces in front, to at least `width` characters.
  ///
  /// - Parameter width: The least length.
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
