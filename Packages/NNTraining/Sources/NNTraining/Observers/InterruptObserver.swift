import Dispatch
import Foundation
import Synchronization

/// Stops a fit at the end of the current step when the process is interrupted (Ctrl-C, `SIGINT`), so the
/// program can still save a model that resumes exactly. A second interrupt ends the process as usual.
///
/// The signal is caught only while a fit runs: from ``fitWillBegin(_:)`` to ``fitDidEnd(_:)``.
///
/// ```swift
/// let interrupt = InterruptObserver()
/// try run.fit(train, length: .epochs(1000), observers: [interrupt])
/// try run.modelFile().write(path: "model.json")
/// if interrupt.isInterrupted { exit(130) }
/// ```
public final class InterruptObserver: TrainingObserver {
  /// The signal watched.
  public let signalNumber: Int32
  /// Whether the signal arrived during the last fit; set from the signal source's queue.
  private let arrival = SignalArrival()
  /// The source delivering the signal while a fit runs (used on the fitting thread only).
  private var source: (any DispatchSourceSignal)?

  /// An observer of `SIGINT` (or another signal).
  ///
  /// - Parameter signalNumber: The signal that stops the fit; `SIGINT` by default.
  public init(signal signalNumber: Int32 = SIGINT) {
    self.signalNumber = signalNumber
  }

  /// Gives the signal back to the system if a fit ended by an error, without ``fitDidEnd(_:)``.
  deinit {
    if let source {
      source.cancel()
      signal(signalNumber, SIG_DFL)
    }
  }

  /// Whether the signal arrived during the last fit (which then stopped with ``StopReason/interrupted``).
  public var isInterrupted: Bool { arrival.flag.load(ordering: .acquiring) }

  /// Starts catching the signal.
  ///
  /// - Parameter run: The run.
  public func fitWillBegin(_ run: inout TrainingRun) throws {
    arrival.flag.store(false, ordering: .releasing)
    let number = signalNumber
    let signalSource = DispatchSource.makeSignalSource(signal: number, queue: .global())
    signalSource.setEventHandler { [arrival] in
      arrival.flag.store(true, ordering: .releasing)
      // The next one ends the process, as it would without this observer.
      signal(number, SIG_DFL)
    }
    signal(number, SIG_IGN)
    signalSource.resume()
    source = signalSource
  }

  /// Stops the fit once the signal has arrived.
  ///
  /// - Parameters:
  ///   - step: The step that ended.
  ///   - run: The run.
  public func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws {
    if arrival.flag.load(ordering: .relaxed) { run.requestStop(.interrupted) }
  }

  /// Stops catching the signal.
  ///
  /// - Parameter run: The run.
  public func fitDidEnd(_ run: inout TrainingRun) throws {
    source?.cancel()
    source = nil
    signal(signalNumber, SIG_DFL)
  }
}

/// A flag the signal handler sets and the fit reads.
private final class SignalArrival: Sendable {
  /// Whether the signal arrived.
  let flag = Atomic<Bool>(false)
}
