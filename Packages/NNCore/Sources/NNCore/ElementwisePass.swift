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
  public static var grain: Int { ProductTeam.elementwiseGrain }

  /// Calls `body` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`: on several threads when more
  /// than one was asked for and there are at least two ranges, else once, with `0..<count`, on the caller.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer); ``grain`` unless given.
  ///   - body: Runs one range; it is called from several threads at once and must write only within its range.
  public static func forEachRange(count: Int, grain: Int = grain, _ body: (Range<Int>) -> Void) {
    ProductTeam.forEachRange(count: count, grain: max(1, grain), body)
  }
}
