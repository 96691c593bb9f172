import Synchronization

/// A request to stop a fit after its current step, which any thread may make: a signal's handler, a user
/// interface, a watchdog.
///
/// Give it to a run (``TrainingRun/stopRequest``); the fit reads it after every step, one atomic load, and once it
/// is made stops as ``TrainingRun/requestStop(_:)`` would, with this request's ``reason``. Unlike an observer's
/// per-step call, the check costs nothing measurable even at batch size 1.
///
/// ```swift
/// let stop = StopRequest(reason: .requested("time limit"))
/// run.stopRequest = stop
/// DispatchQueue.global().asyncAfter(deadline: .now() + 60) { stop.request() }
/// try run.fit(train, length: .epochs(1000))
/// ```
public final class StopRequest: Sendable {
  /// The reason the fit records when it stops for this request.
  public let reason: StopReason
  /// Whether the request was made.
  private let flag = Atomic<Bool>(false)

  /// A request not made yet.
  ///
  /// - Parameter reason: The reason the fit records (``StopReason/interrupted`` by default).
  public init(reason: StopReason = .interrupted) {
    self.reason = reason
  }

  /// Makes the request; safe from any thread.
  public func request() { flag.store(true, ordering: .releasing) }

  /// Withdraws the request, so that it can be made again for a later fit.
  public func withdraw() { flag.store(false, ordering: .releasing) }

  /// Whether the request has been made (and not withdrawn).
  public var isRequested: Bool { flag.load(ordering: .acquiring) }
}
