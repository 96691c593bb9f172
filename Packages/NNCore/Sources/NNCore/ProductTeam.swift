import CGSL
import CNNThreads
import Glibc
import Synchronization

/// The threads that share large matrix products, when ``BLAS/setThreadCount(_:)`` asks for more than one.
///
/// A product `c = op(a)·op(b)` of at least ``minimumWork`` multiply-adds is cut into equal blocks of at most
/// ``largestBlock`` rows of `c`, or of columns, whichever packs less again (``cutsRows(m:n:)``), each one
/// single-threaded BLAS call; the caller and the team's helpers claim blocks one at a time until none is left. The
/// blocks depend on the shapes alone, so a product gives the same result whichever thread ran which block, and
/// however many threads there are beyond one. A helper kept off its core by another process claims fewer blocks, and
/// the caller runs the rest: a busy core slows a product towards one thread's speed instead of stopping it. While the
/// machine is crowded the team runs tasks on the caller alone, and a product then runs as one call when that gives
/// the same bits as its blocks (``WholeCallVerdicts``), sparing the blocks' packing. OpenBLAS's own threads stay at
/// one, since its static split waits for the slowest thread.
@usableFromInline final class ProductTeam: @unchecked Sendable {
  /// The C team: its helper threads run until the team is freed (the teams of ``current()`` live as long as the
  /// process, like a BLAS library's threads).
  private let team: OpaquePointer
  /// The helper threads besides the caller.
  let helpers: Int

  /// The fewest multiply-adds (`m·n·k`) a product has for it to be shared: below, one call on the caller.
  ///
  /// 2²⁰: at 2²¹, products from 2²⁰ up stayed on one core. Sharing them, a network of 256-wide layers at batch 16
  /// (products of 1.05 M multiply-adds) trained 1.31× as fast on two threads in `float32` and 1.55× in `float64`, and
  /// wide (784-512-512-10, batch 256, `float32`) 1.012× with its three 10-column products (1.3 M each) shared (AMD
  /// EPYC Zen 4, paired runs).
  @usableFromInline static let minimumWork = 1 << 20
  /// The fewest rows (or columns) of `c` in a block: a side shorter than twice this is not cut.
  @usableFromInline static let smallestBlock = 128
  /// The most rows (or columns) of `c` in one block.
  ///
  /// Each block is a BLAS call that packs its whole other factor again, so blocks cost more the smaller they are.
  /// Wide (784-512-512-10, batch 256) on one thread in blocks of 128 ran at 112.7 GFLOP/s in `float32` against 115
  /// in whole calls, and at 52.2 against 55.6 in `float64`; in blocks of at most 256, at 113.1 and 54.9. On two
  /// threads blocks of at most 256 were as fast or faster: 213.7 against 208.6 in `float32` (AMD EPYC Zen 5, medians
  /// of 5 interleaved runs).
  static let largestBlock = 256

  /// The rows (or columns) of `c` in each block of a product cut along a side of `length`: the length cut into
  /// the fewest blocks of at most ``largestBlock`` (two at least), made equal and rounded up to a multiple of 16 (the
  /// last block holds the rest).
  ///
  /// - Parameter length: The side of `c` that is cut.
  static func blockSize(_ length: Int) -> Int {
    let count = max(2, (length + largestBlock - 1) / largestBlock)
    return ((length + count - 1) / count + 15) & ~15
  }

  /// The number of blocks a side of `length` is cut into (``blockSize(_:)``).
  ///
  /// - Parameter length: The side of `c` that is cut.
  static func blockCount(_ length: Int) -> Int {
    let size = blockSize(length)
    return (length + size - 1) / size
  }

  /// Whether a product whose `c` is `m × n` is cut into blocks of rows (`true`) or of columns (`false`), or `nil`
  /// when neither side is as long as two of ``smallestBlock``.
  ///
  /// Each block is a BLAS call that packs its whole other factor: a block of rows all of `op(b)` (`k × n`), a block
  /// of columns all of `op(a)` (`m × k`). So the side is chosen whose blocks pack the fewer elements again,
  /// `(blocks − 1)·n` against `(blocks − 1)·m` (times `k`), rows on a tie. Wide's first-layer weight gradient
  /// (`784 × 512`, `k` = 256) is cut into two blocks of columns, packing 200,704 elements again, where four blocks of
  /// rows packed 393,216. In profiles of wide on two threads OpenBLAS's packing took 23% fewer samples in `float64`
  /// and 44% fewer in `float32`, and a 7-run series ran `float64` at 106.6 GFLOP/s against 105.5 (every run faster)
  /// and `float32` within its spread (AMD EPYC Zen 5).
  ///
  /// - Parameters:
  ///   - m: The rows of `c`.
  ///   - n: The columns of `c`.
  static func cutsRows(m: Int, n: Int) -> Bool? {
    let (rows, columns) = (m >= 2 * smallestBlock, n >= 2 * smallestBlock)
    guard rows && columns else { return rows ? true : columns ? false : nil }
    return (blockCount(m) - 1) * n <= (blockCount(n) - 1) * m
  }

  /// The thread count asked for, read on every product above ``minimumWork``; 0 until one is set, for every
  /// processor this process may run on (``processorCount``).
  @usableFromInline static let requestedThreads = Atomic<Int>(0)
  /// The processors this process may run on, read once.
  @usableFromInline static let processorCount = max(1, NNThreadTeamUsableProcessors())

  /// The threads that share large passes: the count asked for, or ``processorCount``.
  @usableFromInline static var threads: Int {
    let requested = requestedThreads.load(ordering: .relaxed)
    return requested > 0 ? requested : processorCount
  }
  /// A team for each thread count asked for so far.
  private static let teams = TeamCache()
  /// Which shapes one BLAS call computes to the same bits as their blocks.
  static let wholeCalls = WholeCallVerdicts()

  /// A team of `helpers` threads besides the caller, or `nil` when a thread cannot be started.
  ///
  /// - Parameter helpers: The helper threads, at least 0.
  init?(helpers: Int) {
    guard let team = NNThreadTeamCreate(helpers) else { return nil }
    self.team = team
    self.helpers = helpers
  }

  deinit { NNThreadTeamDestroy(team) }

  /// The team for the thread count asked for, or `nil` for one thread (or when no thread can be started).
  @usableFromInline static func current() -> ProductTeam? {
    let threads = threads
    guard threads > 1 else { return nil }
    return teams.team(threads: threads)
  }

  /// The team for the thread count asked for when it would share a task given now (``sharesNow``); `nil` on one
  /// thread, while the machine is crowded or the team runs tasks on the caller alone, and while another caller's task
  /// runs.
  @usableFromInline static func sharingTeam() -> ProductTeam? {
    guard let team = current(), team.sharesNow else { return nil }
    return team
  }

  /// Runs `block(index)` for every index in `0..<count`, on the caller and the helpers.
  ///
  /// - Parameters:
  ///   - count: The number of blocks.
  ///   - context: What the blocks read, passed to `block`.
  ///   - block: Runs one block.
  func run(_ count: Int, context: UnsafeMutableRawPointer, block: NNThreadTeamTask) {
    _ = NNThreadTeamRun(team, count, block, context)
  }

  /// Whether a task given now would be shared with the helpers: `false` while the machine is crowded or the team
  /// runs tasks on the caller alone, and while another caller's task runs.
  @usableFromInline var sharesNow: Bool { NNThreadTeamShares(team) != 0 }
}

/// The teams made so far, by thread count, behind a ``PosixMutex``; the last one asked for is also read without it.
private final class TeamCache: @unchecked Sendable {
  private let lock = PosixMutex()
  private var teams: [Int: ProductTeam] = [:]
  /// The team last asked for (unretained: `teams` holds every team for as long as the process runs), read without
  /// the lock: a training step asks for the team several times, and the lock and the lookup took 0.1% of a step of
  /// digits (64-128-64-10, batch 256) on two threads against a busy loop.
  private let last = Atomic<UnsafeMutableRawPointer?>(nil)

  /// The team of `threads` threads, made the first time it is asked for (`nil` when a thread cannot be started).
  func team(threads: Int) -> ProductTeam? {
    if let last = last.load(ordering: .acquiring) {
      let team = Unmanaged<ProductTeam>.fromOpaque(last).takeUnretainedValue()
      if team.helpers + 1 == threads { return team }
    }
    return lock.withLock {
      let team = teams[threads] ?? ProductTeam(helpers: threads - 1)
      teams[threads] = team
      if let team { last.store(Unmanaged.passUnretained(team).toOpaque(), ordering: .releasing) }
      return team
    }
  }
}

extension Matrix {
  /// Computes `c = alpha · op(a) · op(b) + beta · c` in blocks shared by the product team (``ProductTeam/current()``);
  /// `false`, computing nothing, when no team runs or the product cuts into fewer than two blocks. The shapes are
  /// checked by the caller.
  @usableFromInline static func multiplyShared(
    _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool, alpha: Double, beta: Double, into c: inout Matrix,
    m: Int, n: Int, inner: Int
  ) -> Bool {
    guard let team = ProductTeam.current() else { return false }
    return multiply(
      a, transposeA: transposeA, b, transposeB: transposeB, alpha: alpha, beta: beta, into: &c, m: m, n: n,
      inner: inner, on: team)
  }

  /// Computes `c = alpha · op(a) · op(b) + beta · c` in blocks of ``ProductTeam/blockSize(_:)`` rows or columns of `c`
  /// (``ProductTeam/cutsRows(m:n:)``) shared by `team`, or in one call when the team would run it on the caller alone
  /// and one call gives the same bits (``WholeCallVerdicts``); `false`, computing nothing, when both sides are shorter
  /// than two of ``ProductTeam/smallestBlock``. `library` computes the blocks (a stand-in library in tests).
  static func multiply(
    _ a: Matrix, transposeA: Bool, _ b: Matrix, transposeB: Bool, alpha: Double, beta: Double, into c: inout Matrix,
    m: Int, n: Int, inner: Int, on team: ProductTeam, library: BLASLibrary = .shared
  ) -> Bool {
    guard let byRows = ProductTeam.cutsRows(m: m, n: n) else { return false }
    let elementType = c.elementType
    let (lda, ldb) = (max(a.columns, 1), max(b.columns, 1))
    func share(_ aBase: UnsafeRawPointer, _ bBase: UnsafeRawPointer, _ cBase: UnsafeMutableRawPointer) {
      var product = BlockedProduct(
        library: library, elementType: elementType, transposeA: transposeA, transposeB: transposeB, m: m, n: n,
        inner: inner, alpha: alpha, beta: beta, a: aBase, lda: lda, b: bBase, ldb: ldb, c: cBase, byRows: byRows)
      // On the caller alone: one call where it gives the same bits as the blocks.
      if !team.sharesNow && ProductTeam.wholeCalls.wholeCallMatchesBlocks(product) { return product.computeWhole() }
      product.zeroResult()
      let count = product.count
      withUnsafeMutablePointer(to: &product) { pointer in
        team.run(count, context: UnsafeMutableRawPointer(pointer)) { context, index in
          context!.assumingMemoryBound(to: BlockedProduct.self).pointee.compute(index)
        }
      }
    }
    switch elementType {
    case .float64:
      a.storage.withUnsafeBytes { aBytes in
        b.storage.withUnsafeBytes { bBytes in
          c.storage.withUnsafeMutableBytes { cBytes in
            share(aBytes.baseAddress!, bBytes.baseAddress!, cBytes.baseAddress!)
          }
        }
      }
    case .float32:
      a.singleStorage.withUnsafeBytes { aBytes in
        b.singleStorage.withUnsafeBytes { bBytes in
          c.singleStorage.withUnsafeMutableBytes { cBytes in
            share(aBytes.baseAddress!, bBytes.baseAddress!, cBytes.baseAddress!)
          }
        }
      }
    }
    return true
  }
}

/// A closure as an ``ElementwisePassBody``.
private struct ClosurePass: ElementwisePassBody {
  let body: (Range<Int>) -> Void

  func run(_ range: Range<Int>) { body(range) }
}

/// A pass on the caller's stack, reached through its address: an ``ElementwisePassBody`` of one word, which an
/// existential holds inline (without allocating).
private struct PassReference<Body: ElementwisePassBody>: ElementwisePassBody {
  let body: UnsafePointer<Body>

  func run(_ range: Range<Int>) { body.pointee.run(range) }
}

/// A pass over ranges of indices, run by a team: the pass's address and the function that runs it on a range.
private struct RangeTask {
  let body: UnsafeRawPointer
  let run: (UnsafeRawPointer, Range<Int>) -> Void
  let count: Int
  let grain: Int
}

extension ProductTeam {
  /// Runs `body` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`, shared by the team when threads
  /// were asked for, there are at least two ranges and the team would share a task now (``sharesNow``), else once
  /// with `0..<count` on the caller, as on one thread.
  ///
  /// The ranges depend only on `count` and `grain`; `body` must write only within its range (an elementwise pass),
  /// so the result is the same however the ranges are shared. Inlined where it is called, the pass runs specialised
  /// for `Body`, and the team reaches it on the caller's stack through a function that captures nothing: nothing is
  /// allocated.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer).
  ///   - body: Runs one range; called from several threads at once.
  @inlinable static func forEachRange<Body: ElementwisePassBody>(count: Int, grain: Int, _ body: Body) {
    forEachRange(count: count, grain: grain, body, on: count >= 2 * grain ? current() : nil)
  }

  /// Runs `body` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`, shared by `team` when there are
  /// at least two ranges and it would share a task now, else once with `0..<count` on the caller: a pass the team
  /// would run on the caller alone (the machine crowded, or another caller's task running) is one call, as on one
  /// thread, instead of one per range.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer).
  ///   - body: Runs one range; called from several threads at once.
  ///   - team: The team that shares the ranges, or `nil` for one thread.
  @inlinable static func forEachRange<Body: ElementwisePassBody>(
    count: Int, grain: Int, _ body: Body, on team: ProductTeam?
  ) {
    guard count >= 2 * grain, let team, team.sharesNow else { return body.run(0..<count) }
    #if DEBUG
      // Unoptimised, the closure below would capture `Body`'s type (an allocation): the existential path instead.
      shareRanges(count: count, grain: grain, reaching: body, on: team)
    #else
      withUnsafePointer(to: body) { pointer in
        team.run(count: count, grain: grain, body: UnsafeRawPointer(pointer)) { body, range in
          body.assumingMemoryBound(to: Body.self).pointee.run(range)
        }
      }
    #endif
  }

  /// Runs `run(body, range)` on the ranges `[grain·i, grain·i + grain)` that cover `0..<count`, on the caller and the
  /// helpers.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range.
  ///   - body: The pass's address.
  ///   - run: Runs the pass at `body` on a range.
  @usableFromInline func run(
    count: Int, grain: Int, body: UnsafeRawPointer, _ run: @escaping (UnsafeRawPointer, Range<Int>) -> Void
  ) {
    var task = RangeTask(body: body, run: run, count: count, grain: grain)
    withUnsafeMutablePointer(to: &task) { pointer in
      self.run((count + grain - 1) / grain, context: UnsafeMutableRawPointer(pointer)) { context, index in
        let task = UnsafePointer(context!.assumingMemoryBound(to: RangeTask.self))
        let start = index * task.pointee.grain
        task.pointee.run(task.pointee.body, start..<min(start + task.pointee.grain, task.pointee.count))
      }
    }
  }

  /// ``forEachRange(count:grain:_:)-(_,_,ElementwisePassBody)`` for code that is not specialised (generic code called
  /// through an existential, or any code in an unoptimised build): the pass is reached through an existential holding
  /// its address, since a function that names an unspecialised `Body` would capture its type, which takes an
  /// allocation. Each range then runs through the pass's generic witness.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer).
  ///   - body: Runs one range; called from several threads at once.
  @usableFromInline static func forEachRange<Body: ElementwisePassBody>(count: Int, grain: Int, reaching body: Body) {
    forEachRange(count: count, grain: grain, reaching: body, on: count >= 2 * grain ? current() : nil)
  }

  /// ``forEachRange(count:grain:reaching:)`` on `team`: shared when there are at least two ranges and the team would
  /// share a task now, else once with `0..<count` on the caller.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer).
  ///   - body: Runs one range; called from several threads at once.
  ///   - team: The team that shares the ranges, or `nil` for one thread.
  static func forEachRange<Body: ElementwisePassBody>(
    count: Int, grain: Int, reaching body: Body, on team: ProductTeam?
  ) {
    guard count >= 2 * grain, let team, team.sharesNow else { return body.run(0..<count) }
    shareRanges(count: count, grain: grain, reaching: body, on: team)
  }

  /// Shares the ranges of `body` on `team`, reaching the pass through an existential holding its address.
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range.
  ///   - body: Runs one range; called from several threads at once.
  ///   - team: The team that shares the ranges.
  @usableFromInline static func shareRanges<Body: ElementwisePassBody>(
    count: Int, grain: Int, reaching body: Body, on team: ProductTeam
  ) {
    withUnsafePointer(to: body) { pointer in
      var reference: any ElementwisePassBody = PassReference(body: pointer)
      withUnsafePointer(to: &reference) { reference in
        team.run(count: count, grain: grain, body: UnsafeRawPointer(reference)) { reference, range in
          reference.assumingMemoryBound(to: (any ElementwisePassBody).self).pointee.run(range)
        }
      }
    }
  }

  /// ``forEachRange(count:grain:_:)-(_,_,ElementwisePassBody)`` with a closure, which a shared pass makes escaping
  /// for the time of the pass (allocating a small context).
  ///
  /// - Parameters:
  ///   - count: The number of indices.
  ///   - grain: The indices in one range (the last may hold fewer).
  ///   - body: Runs one range; called from several threads at once.
  @usableFromInline static func forEachRange(count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
    guard count >= 2 * grain, current() != nil else { return body(0..<count) }
    withoutActuallyEscaping(body) { forEachRange(count: count, grain: grain, ClosurePass(body: $0)) }
  }

  /// The elements an elementwise pass gives each thread at a time: 32,768 (tens of microseconds of work, against
  /// a microsecond or two to share it).
  @usableFromInline static let elementwiseGrain = 1 << 15

  /// The fewest bytes an optimizer update reads and writes (parameters, gradients and slots) for it to be shared:
  /// 4 MiB. A smaller update's buffers are mostly still in the caller's cache from the step's products, and a
  /// helper updating half of them moved them to its own core and back: a `float64` network of 320-wide layers
  /// (102,400 weights a matrix, 1.6 MB with their gradients) at batch 4 trained 20% slower on two threads than on
  /// one, and at 4 MiB and above, as fast (AMD EPYC Zen 4).
  @usableFromInline static let smallestSharedUpdate = 1 << 22

  /// Whether an optimizer update of `count` parameters in ranges of `grain`, reading and writing `bytes` in all, is
  /// worth sharing: two ranges at least, and ``smallestSharedUpdate`` bytes when `grain` is ``elementwiseGrain``. A
  /// caller that asks for smaller ranges knows the buffers are on both cores already (the fused kernel after a step
  /// whose batch it cut in two parts) and shares from two ranges.
  ///
  /// - Parameters:
  ///   - count: The parameters updated.
  ///   - grain: The parameters in one range.
  ///   - bytes: The bytes of the parameters, their gradients and slots.
  @inlinable static func sharesUpdate(count: Int, grain: Int, bytes: Int) -> Bool {
    count >= 2 * grain && (grain < elementwiseGrain || bytes >= smallestSharedUpdate)
  }
}
