import Synchronization
import Testing

@testable import NNCore

/// The ranges an elementwise pass runs on: cut by the grain when shared, one range of every index when the team would
/// not share the pass (as on one thread).
@Suite("elementwise pass ranges")
struct ElementwisePassRangesTests {
  /// The ranges a pass ran on, from any thread.
  final class RangeLog: Sendable {
    private let ranges = Mutex<[Range<Int>]>([])

    func record(_ range: Range<Int>) { ranges.withLock { $0.append(range) } }

    /// The ranges run, by their first index.
    var sorted: [Range<Int>] { ranges.withLock { $0.sorted { $0.lowerBound < $1.lowerBound } } }
  }

  /// A pass that records its ranges.
  struct Recording: ElementwisePassBody {
    let log: RangeLog

    func run(_ range: Range<Int>) { log.record(range) }
  }

  @Test("a team that would not share a pass runs it once over every index, on either path")
  func unsharedPassRunsOnce() throws {
    let team = try #require(ProductTeam(helpers: 0))
    #expect(!team.sharesNow)
    let specialised = RangeLog()
    ProductTeam.forEachRange(count: 10, grain: 2, Recording(log: specialised), on: team)
    #expect(specialised.sorted == [0..<10])
    let reaching = RangeLog()
    ProductTeam.forEachRange(count: 10, grain: 2, reaching: Recording(log: reaching), on: team)
    #expect(reaching.sorted == [0..<10])
  }

  @Test("shared ranges are cut by the grain alone, the last holding the rest")
  func sharedRangesFollowTheGrain() throws {
    let team = try #require(ProductTeam(helpers: 0))
    let log = RangeLog()
    ProductTeam.shareRanges(count: 10, grain: 4, reaching: Recording(log: log), on: team)
    #expect(log.sorted == [0..<4, 4..<8, 8..<10])
  }

  @Test("a pass of fewer than two ranges runs once, with or without a team")
  func smallPassRunsOnce() throws {
    let team = try #require(ProductTeam(helpers: 1))
    for candidate in [nil, team] {
      let log = RangeLog()
      ProductTeam.forEachRange(count: 7, grain: 4, Recording(log: log), on: candidate)
      #expect(log.sorted == [0..<7])
    }
  }

  @Test("an optimizer update is shared from two ranges and 4 MiB of buffers, or two smaller ranges asked for")
  func updatesSharedFromFourMebibytes() {
    let grain = ProductTeam.elementwiseGrain
    // A 256 × 256 float64 matrix and its gradient: two ranges, but 1 MiB.
    #expect(!ProductTeam.sharesUpdate(count: 65_536, grain: grain, bytes: 65_536 * 8 * 2))
    // 512 × 512 float64 with its gradient: 4 MiB.
    #expect(ProductTeam.sharesUpdate(count: 262_144, grain: grain, bytes: 262_144 * 8 * 2))
    // 512 × 512 float32 with a momentum slot: 3 MiB.
    #expect(!ProductTeam.sharesUpdate(count: 262_144, grain: grain, bytes: 262_144 * 4 * 3))
    // Large but one range.
    #expect(!ProductTeam.sharesUpdate(count: grain, grain: grain, bytes: 1 << 30))
    // Smaller ranges asked for (the fused kernel after a step in two parts): shared from two ranges.
    #expect(ProductTeam.sharesUpdate(count: 25_418, grain: 1 << 13, bytes: 25_418 * 4 * 2))
    #expect(!ProductTeam.sharesUpdate(count: 8_000, grain: 1 << 13, bytes: 8_000 * 4 * 2))
  }
}
