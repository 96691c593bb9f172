import Foundation
import Synchronization

/// The time a value takes to go from one thread to another and back, as the system places two threads of this
/// process: what a two-thread run pays each time its threads hand data to each other.
///
/// On a virtual machine the host decides which physical cores its virtual processors run on, and that changes
/// through the day: two cores that share a cache hand a value back in some 50 ns, two far apart (another core
/// complex or socket) in 300 ns and more, and a team of threads that shares a training step's parameters and sums
/// slows down with them. A two-thread figure is only comparable with one measured at a like round trip.
public enum CoreRoundTrip {
  /// The value both threads pass: odd when the caller has sent it, even when the other thread has answered.
  private final class Baton: Sendable {
    let value = Atomic<Int>(0)
  }

  /// The shortest mean round trip over `blocks` blocks of `trips` trips, in nanoseconds; `nil` on a single processor.
  ///
  /// - Parameters:
  ///   - trips: The round trips in a block.
  ///   - blocks: The blocks timed (the first may meet both threads on one processor, until the system moves one).
  public static func nanoseconds(trips: Int = 4000, blocks: Int = 5) -> Double? {
    guard ProcessInfo.processInfo.activeProcessorCount >= 2, trips > 0, blocks > 0 else { return nil }
    let baton = Baton()
    let total = trips * blocks
    let responder = Thread {
      for trip in 0..<total {
        wait(for: 2 * trip + 1, on: baton)
        baton.value.store(2 * trip + 2, ordering: .releasing)
      }
    }
    responder.start()
    var shortest = Double.infinity
    for block in 0..<blocks {
      let start = DispatchTime.now().uptimeNanoseconds
      for trip in block * trips..<(block + 1) * trips {
        baton.value.store(2 * trip + 1, ordering: .releasing)
        wait(for: 2 * trip + 2, on: baton)
      }
      shortest = min(shortest, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(trips))
    }
    return shortest
  }

  /// Spins until `baton` holds `value`, giving the processor away every thousand looks (so that two threads on one
  /// processor still take turns).
  private static func wait(for value: Int, on baton: Baton) {
    var looks = 0
    while baton.value.load(ordering: .acquiring) != value {
      looks += 1
      if looks == 1000 {
        sched_yield()
        looks = 0
      }
    }
  }
}
