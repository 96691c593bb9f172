/// One range of an elementwise pass, as a value: what ``ElementwisePass/forEachRange(count:grain:_:)-(_,_,ElementwisePassBody)``
/// runs on each range.
///
/// ```swift
/// struct Rectify: ElementwisePassBody {
///   let values: UnsafeMutablePointer<Double>
///   func run(_ range: Range<Int>) {
///     for index in range { values[index] = max(0, values[index]) }
///   }
/// }
/// ```
///
/// A pass given as a value is shared without allocating: the threads reach it on the caller's stack.
public protocol ElementwisePassBody {
  /// Runs the pass on the indices `range`; called from several threads at once, it must write only within its range.
  ///
  /// - Parameter range: The indices.
  func run(_ range: Range<Int>)
}

/// Elementwise passes over large buffers, shared by the threads ``BLAS/setThreadCount(_:)`` asked for.
///
/// ```swift
/// ElementwisePass.forEachRange(count: values.count) { range in
///   for index in range { values[index] = max(0, values[index]) }
/// }
/// ```
///
/// The ranges depend only on the count and the grain, never on the threads, and a pass writes each index in one
/// range only, so its result is the same on any number of threads.
public enum ElementwisePass {
  /// The indices one thread takes at a time by default: 32,768 (tens of microseconds of work, against a
  /// microsecond or two to share it).
  @inlinable public static var grain: Int { ProductTeam.elementwiseGrain }

  /// Runs `body` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`: on several threads when more
  /// than one was asked for, there are at least two ranges and the threads would share the pass now; else once, with
  /// `0..<count`, on the caller, as on one thread (also while other processes keep the other processors busy, or
  /// another pass runs). Shares the pass without allocating.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer); ``grain`` unless given.
  ///   - body: The pass on one range; it is run from several threads at once and must write only within its range.
  @inlinable public static func forEachRange(count: Int, grain: Int = grain, _ body: some ElementwisePassBody) {
    ProductTeam.forEachRange(count: count, grain: max(1, grain), body)
  }

  /// Calls `body` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`, as
  /// ``forEachRange(count:grain:_:)-(_,_,ElementwisePassBody)`` does; a shared pass allocates the closure's context
  /// (a few words), which a pass given as an ``ElementwisePassBody`` does not.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer); ``grain`` unless given.
  ///   - body: Runs one range; it is called from several threads at once and must write only within its range.
  public static func forEachRange(count: Int, grain: Int = grain, _ body: (Range<Int>) -> Void) {
    ProductTeam.forEachRange(count: count, grain: max(1, grain), body)
  }

  /// Whether a pass of several ranges given now would run on more than one thread: `false` on one thread, while
  /// the other processors are taken by other processes (the pass would run on the caller alone), and while another
  /// pass runs. Work that can be done on one thread more cheaply, with the same results, asks this first.
  @_spi(Internals) public static var sharesNow: Bool { ProductTeam.sharingTeam() != nil }
}
