import CNNThreads
import Foundation
import Synchronization
import Testing

@testable import NNCore

/// Large products shared by a team of threads: each block once, the same result whichever thread ran it, and the
/// product itself right.
@Suite("product team")
struct ProductTeamTests {
  /// Counts the runs of each chunk.
  final class ChunkCounts: @unchecked Sendable {
    let count: Int
    let counts: UnsafeMutablePointer<Atomic<Int>>
    init(_ count: Int) {
      self.count = count
      counts = .allocate(capacity: count)
      for index in 0..<count { (counts + index).initialize(to: Atomic(0)) }
    }
    deinit {
      counts.deinitialize(count: count)
      counts.deallocate()
    }
    /// Whether every chunk ran exactly once.
    var eachOnce: Bool { (0..<count).allSatisfy { counts[$0].load(ordering: .relaxed) == 1 } }
  }

  @Test("every chunk of every task runs exactly once, over many tasks in a row", arguments: [0, 1, 3])
  func chunksOnce(helpers: Int) throws {
    let team = try #require(NNThreadTeamCreate(helpers))
    defer { NNThreadTeamDestroy(team) }
    for chunks in [1, 2, 5, 64, 1000] {
      for _ in 0..<200 {
        let counts = ChunkCounts(chunks)
        let context = Unmanaged.passRetained(counts)
        _ = NNThreadTeamRun(
          team, chunks,
          { context, chunk in
            _ = Unmanaged<ChunkCounts>.fromOpaque(context!).takeUnretainedValue().counts[chunk].add(
              1, ordering: .relaxed)
          }, context.toOpaque())
        context.release()
        #expect(counts.eachOnce)
      }
    }
  }

  @Test("a team without helpers never shares a task, and one with helpers answers whether it would")
  func shares() throws {
    #expect(NNThreadTeamShares(nil) == 0)
    let alone = try #require(NNThreadTeamCreate(0))
    defer { NNThreadTeamDestroy(alone) }
    #expect(NNThreadTeamShares(alone) == 0)
    let team = try #require(NNThreadTeamCreate(1))
    defer { NNThreadTeamDestroy(team) }
    // Whether it would depends on the machine's load; the answer leaves the team able to run tasks.
    #expect([0, 1].contains(NNThreadTeamShares(team)))
    let counts = ChunkCounts(8)
    let context = Unmanaged.passRetained(counts)
    _ = NNThreadTeamRun(
      team, 8,
      { context, chunk in
        _ = Unmanaged<ChunkCounts>.fromOpaque(context!).takeUnretainedValue().counts[chunk].add(1, ordering: .relaxed)
      }, context.toOpaque())
    context.release()
    #expect(counts.eachOnce)
  }

  @Test("two callers of one team at once: each task still runs every chunk once")
  func concurrentCallers() throws {
    let team = try #require(NNThreadTeamCreate(1))
    defer { NNThreadTeamDestroy(team) }
    let failures = Atomic<Int>(0)
    let address = UInt(bitPattern: team)
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      let team = OpaquePointer(bitPattern: address)!
      for _ in 0..<300 {
        let counts = ChunkCounts(17)
        let context = Unmanaged.passRetained(counts)
        _ = NNThreadTeamRun(
          team, 17,
          { context, chunk in
            _ = Unmanaged<ChunkCounts>.fromOpaque(context!).takeUnretainedValue().counts[chunk].add(
              1, ordering: .relaxed)
          }, context.toOpaque())
        context.release()
        if !counts.eachOnce { _ = failures.add(1, ordering: .relaxed) }
      }
    }
    #expect(failures.load(ordering: .relaxed) == 0)
  }

  /// A matrix of uniform values in [−1, 1).
  func uniform(rows: Int, columns: Int, _ random: RandomSource, _ elementType: ElementType) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns { matrix[row, column] = 2 * random.uniform() - 1 }
    }
    return matrix.converted(to: elementType)
  }

  /// `alpha · op(a) · op(b) + beta · c` summed in `Double`, with the bound `(k + 2) · u · (|alpha| Σ|aᵢbᵢ| + |beta c|)`
  /// of the product in the matrices' element type.
  func reference(
    _ a: Matrix, _ transposeA: Bool, _ b: Matrix, _ transposeB: Bool, alpha: Double, beta: Double, _ c: Matrix
  ) -> (values: [Double], bounds: [Double]) {
    let (m, n) = (c.rows, c.columns)
    let inner = transposeA ? a.rows : a.columns
    let u = c.elementType.unitRoundoff
    var values = [Double](repeating: 0, count: m * n)
    var bounds = values
    for row in 0..<m {
      for column in 0..<n {
        var sum = 0.0
        var magnitude = 0.0
        for k in 0..<inner {
          let product = (transposeA ? a[k, row] : a[row, k]) * (transposeB ? b[column, k] : b[k, column])
          sum += product
          magnitude += abs(product)
        }
        // With beta 0 the old contents are ignored, even NaN.
        let old = beta == 0 ? 0 : beta * c[row, column]
        values[row * n + column] = alpha * sum + old
        bounds[row * n + column] = Double(inner + 2) * u * (abs(alpha) * magnitude + abs(old))
      }
    }
    return (values, bounds)
  }

  @Test(
    "shared products are right, and the same to the bit with 1, 2 and 3 helpers and on the caller alone",
    arguments: [ElementType.float64, .float32], [(false, false), (true, false), (false, true), (true, true)])
  func products(elementType: ElementType, transposes: (Bool, Bool)) throws {
    let random = RandomSource(seed: 5)
    // Rows cut (m ≥ n), columns cut (n > m), and columns cut of a taller product (both sides long enough, the
    // columns' blocks packing less again), none a multiple of the block; with beta 0 (each block adding to a zeroed
    // c on the caller alone, its NaN ignored) and not.
    for (m, n, inner) in [(300, 70, 90), (70, 400, 40), (784, 272, 20)] {
      for beta in [-0.5, 0] {
        let (transposeA, transposeB) = transposes
        let a = uniform(rows: transposeA ? inner : m, columns: transposeA ? m : inner, random, elementType)
        let b = uniform(rows: transposeB ? n : inner, columns: transposeB ? inner : n, random, elementType)
        let start =
          beta == 0
          ? Matrix(rows: m, columns: n, repeating: .nan, elementType: elementType)
          : uniform(rows: m, columns: n, random, elementType)
        let expected = reference(a, transposeA, b, transposeB, alpha: 0.75, beta: beta, start)
        var results: [Matrix] = []
        // No helpers: the caller alone, in blocks or in one call where that gives the same bits.
        for helpers in [0, 1, 2, 3] {
          let team = try #require(ProductTeam(helpers: helpers))
          var c = start
          #expect(
            Matrix.multiply(
              a, transposeA: transposeA, b, transposeB: transposeB, alpha: 0.75, beta: beta, into: &c, m: m, n: n,
              inner: inner, on: team))
          results.append(c)
        }
        check(results, against: expected)
      }
    }
  }

  /// Expects `results` the same to the bit, and the first within the bounds of `expected`.
  func check(_ results: [Matrix], against expected: (values: [Double], bounds: [Double])) {
    #expect(results.allSatisfy { $0 == results[0] })
    for (index, value) in results[0].elements.enumerated() {
      #expect(abs(value - expected.values[index]) <= expected.bounds[index], "element \(index)")
    }
  }

  @Test("a side is cut into the fewest equal blocks of at most 256, two at least, multiples of 16 but the last")
  func blockSizes() {
    for (length, size) in [(256, 128), (300, 160), (512, 256), (513, 176), (784, 208), (1000, 256), (4096, 256)] {
      #expect(ProductTeam.blockSize(length) == size, "\(length)")
    }
    for length in 256...2048 {
      let size = ProductTeam.blockSize(length)
      let count = (length + size - 1) / size
      #expect(size % 16 == 0 && size <= ProductTeam.largestBlock && count >= 2, "\(length)")
      // The last block is not empty and no longer than the others.
      #expect(length - (count - 1) * size > 0, "\(length)")
    }
  }

  @Test("the side cut is the one whose blocks pack fewer elements again, rows on a tie")
  func cutSides() {
    // (m, n): rows pack (blocks(m) − 1)·n again, columns (blocks(n) − 1)·m.
    let cases: [(Int, Int, Bool?)] = [
      (784, 512, false),  // 3·512 = 1,536 against 1·784
      (512, 784, true),  // 1·784 against 3·512
      (512, 512, true),  // a tie
      (256, 512, false),  // 1·512 against 1·256
      (1024, 1024, true),  // a tie
      (784, 272, false),  // 3·272 = 816 against 1·784
      (300, 100, true),  // only the rows are long enough
      (100, 300, false),  // only the columns
      (255, 4000, false),
      (200, 200, nil),  // neither
    ]
    for (m, n, rows) in cases {
      #expect(ProductTeam.cutsRows(m: m, n: n) == rows, "\(m) × \(n)")
    }
  }

  @Test("a product of fewer than two blocks is not shared")
  func smallProducts() throws {
    let team = try #require(ProductTeam(helpers: 1))
    let a = Matrix(rows: 200, columns: 30, repeating: 1)
    let b = Matrix(rows: 30, columns: 200, repeating: 1)
    var c = Matrix(rows: 200, columns: 200)
    #expect(
      !Matrix.multiply(
        a, transposeA: false, b, transposeB: false, alpha: 1, beta: 0, into: &c, m: 200, n: 200, inner: 30, on: team))
  }
}
