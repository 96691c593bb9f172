import Dispatch
import Foundation

/// Stops a fit at the end of the current step when the process is interrupted (Ctrl-C, `SIGINT`), so the
/// program can still save a model that resumes exactly. A second interrupt ends the process as usual.
///
/// The signal is caught only while a fit runs: from ``fitWillBegin(_:)`` to ``fitDidEnd(_:)``. The signal makes the
/// observer's ``StopRequest``, which the fit reads after every step (``TrainingRun/stopRequest``): the observer
/// itself is not called at every step.
///
/// ```swift
/// let interrupt = InterruptObserver()
/// try run.fit(train, length: .epochs(1000), observers: [interrupt])
/// try run.modelFile().write(path: "model.json")
/// if interrupt.isInterrupted { exit(130) }
/// ```
public final class InterruptObserver: TrainingObserver {
  /// None: the fit reads the observer's stop request itself.
  public var stepEvents: TrainingStepEvents { [] }

  /// The signal watched.
  public let signalNumber: Int32
  /// Made when the signal arrives (from the signal source's queue), read by the fit.
  private let request = StopRequest(reason: .interrupted)
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
  public var isInterrupted: Bool { request.isRequested }

  /// Starts catching the signal, and gives the run the observer's stop request.
  ///
  /// - Parameter run: The run.
  public func fitWillBegin(_ run: inout TrainingRun) throws {
    request.withdraw()
    run.stopRequest = request
    let number = signalNumber
    let signalSource = DispatchSource.makeSignalSource(signal: number, queue: .global())
    signalSource.setEventHandler { [request] in
      request.request()
      // The next one ends the process, as it would without this observer.
      signal(number, SIG_DFL)
    }
    signal(number, SIG_IGN)
    signalSource.resume()
    source = signalSource
  }

  /// Stops catching the signal, and takes the observer's stop request back from the run.
  ///
  /// - Parameter run: The run.
  public func fitDidEnd(_ run: inout TrainingRun) throws {
    if run.stopRequest === request { run.stopRequest = nil }
    source?.cancel()
    source = nil
    signal(signalNumber, SIG_DFL)
  }
}
