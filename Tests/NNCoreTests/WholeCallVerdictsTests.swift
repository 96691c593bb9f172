import CGSL
import Glibc
import Synchronization
import Testing

@testable import NNCore

/// The calls the stand-in libraries below have made.
private let standInCalls = Atomic<Int>(0)

/// `c = alpha · op(a) · op(b) + beta · c` element by element, each sum over `k` in one direction: ascending, or
/// descending where `descending` says so for the call's `m × n`. A stand-in for a BLAS library whose calls can give
/// other bits for a part of `c` than for the whole.
private func standInProduct<Element: BinaryFloatingPoint>(
  _ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Element,
  _ a: UnsafePointer<Element>?, _ lda: Int32, _ b: UnsafePointer<Element>?, _ ldb: Int32, _ beta: Element,
  _ c: UnsafeMutablePointer<Element>?, _ ldc: Int32, descending: Bool
) {
  standInCalls.add(1, ordering: .relaxed)
  let (a, b, c) = (a!, b!, c!)
  let (lda, ldb, ldc) = (Int(lda), Int(ldb), Int(ldc))
  for row in 0..<Int(m) {
    for column in 0..<Int(n) {
      var sum: Element = 0
      for step in 0..<Int(k) {
        let index = descending ? Int(k) - 1 - step : step
        let left = transposeA == CblasTrans ? a[index * lda + row] : a[row * lda + index]
        let right = transposeB == CblasTrans ? b[column * ldb + index] : b[index * ldb + column]
        sum += left * right
      }
      let old = beta == 0 ? 0 : beta * c[row * ldc + column]
      c[row * ldc + column] = alpha * sum + old
    }
  }
}

/// A stand-in library that sums every element in the same order, whatever part of `c` a call covers.
private let consistentLibrary = BLASLibrary(
  name: "consistent",
  multiply: { _, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
    standInProduct(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, descending: false)
  },
  multiplySingle: { _, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
    standInProduct(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, descending: false)
  },
  setThreadCount: nil, threadCount: nil, configuration: nil, problem: nil)

/// A stand-in library that sums in the other order in calls of fewer than 20,000 elements of `c`: the blocks of the
/// products below (`200 × 40`), but not the whole products (`600 × 40`).
private let cutSensitiveLibrary = BLASLibrary(
  name: "cut-sensitive",
  multiply: { _, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
    standInProduct(
      transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, descending: Int(m) * Int(n) < 20_000)
  },
  multiplySingle: { _, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
    standInProduct(
      transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, descending: Int(m) * Int(n) < 20_000)
  },
  setThreadCount: nil, threadCount: nil, configuration: nil, problem: nil)

/// Whether one BLAS call gives a product the same bits as its blocks: decided by computing both, on values that show
/// the order of the additions.
@Suite("whole-call verdicts", .serialized)
struct WholeCallVerdictsTests {
  /// A product of `m × n` over `inner` on `library`, its matrices at a placeholder address (the check allocates its
  /// own), cut as the team cuts it.
  func product(
    _ library: BLASLibrary, _ elementType: ElementType, m: Int, n: Int, inner: Int, transposes: (Bool, Bool),
    beta: Double, alpha: Double = 0.75
  ) throws -> BlockedProduct {
    let byRows = try #require(ProductTeam.cutsRows(m: m, n: n) as Bool?)
    let placeholder = UnsafeMutableRawPointer(bitPattern: 64)!
    return BlockedProduct(
      library: library, elementType: elementType, transposeA: transposes.0, transposeB: transposes.1, m: m, n: n,
      inner: inner, alpha: alpha, beta: beta, a: placeholder, lda: transposes.0 ? m : inner, b: placeholder,
      ldb: transposes.1 ? inner : n, c: placeholder, byRows: byRows)
  }

  /// Rows cut, columns cut, each with every pair of transposes, and `beta` 0 and not.
  static let shapes: [(m: Int, n: Int, inner: Int)] = [(600, 40, 30), (40, 600, 30)]

  @Test(
    "a library that sums every element alike in a part and the whole is found to match; one that does not, not",
    arguments: [ElementType.float64, .float32])
  func verdicts(elementType: ElementType) throws {
    for shape in Self.shapes {
      for transposes in [(false, false), (true, false), (false, true), (true, true)] {
        for beta in [0.0, -0.5] {
          let consistent = try product(
            consistentLibrary, elementType, m: shape.m, n: shape.n, inner: shape.inner, transposes: transposes,
            beta: beta)
          let sensitive = try product(
            cutSensitiveLibrary, elementType, m: shape.m, n: shape.n, inner: shape.inner, transposes: transposes,
            beta: beta)
          #expect(WholeCallVerdicts.check(consistent), "\(shape) \(transposes) beta \(beta)")
          #expect(!WholeCallVerdicts.check(sensitive), "\(shape) \(transposes) beta \(beta)")
        }
      }
    }
  }

  @Test("a shape is checked once and its verdict remembered; shapes too large to check run in blocks unchecked")
  func remembered() throws {
    let verdicts = WholeCallVerdicts()
    let small = try product(consistentLibrary, .float64, m: 600, n: 40, inner: 30, transposes: (false, false), beta: 0)
    let before = standInCalls.load(ordering: .relaxed)
    #expect(verdicts.wholeCallMatchesBlocks(small))
    let afterCheck = standInCalls.load(ordering: .relaxed)
    // The blocks and the whole call.
    #expect(afterCheck - before == small.count + 1)
    #expect(verdicts.wholeCallMatchesBlocks(small))
    #expect(standInCalls.load(ordering: .relaxed) == afterCheck)
    // Another kind of scale (not 0) is another shape: checked anew.
    let scaled = try product(
      consistentLibrary, .float64, m: 600, n: 40, inner: 30, transposes: (false, false), beta: -0.5)
    #expect(verdicts.wholeCallMatchesBlocks(scaled))
    let afterScaled = standInCalls.load(ordering: .relaxed)
    #expect(afterScaled == afterCheck + small.count + 1)
    // Other values of the same kinds (neither 0 nor 1), as a learning-rate schedule brings to a folded update: the
    // verdict is known, nothing computed.
    let rescaled = try product(
      consistentLibrary, .float64, m: 600, n: 40, inner: 30, transposes: (false, false), beta: 0.999, alpha: -0.01)
    #expect(verdicts.wholeCallMatchesBlocks(rescaled))
    #expect(standInCalls.load(ordering: .relaxed) == afterScaled)
    // A scale of 1 is its own kind: checked anew.
    let unscaled = try product(
      consistentLibrary, .float64, m: 600, n: 40, inner: 30, transposes: (false, false), beta: 1, alpha: 1)
    #expect(verdicts.wholeCallMatchesBlocks(unscaled))
    #expect(standInCalls.load(ordering: .relaxed) == afterScaled + small.count + 1)
    // Above the work or the matrix size checked: not matching, and nothing computed.
    let muchWork = try product(
      consistentLibrary, .float32, m: 1024, n: 1024, inner: 1024, transposes: (false, false), beta: 0)
    let tallFactor = try product(
      consistentLibrary, .float32, m: 1 << 20, n: 8, inner: 8, transposes: (false, false), beta: 0)
    let counted = standInCalls.load(ordering: .relaxed)
    #expect(!verdicts.wholeCallMatchesBlocks(muchWork))
    #expect(!verdicts.wholeCallMatchesBlocks(tallFactor))
    #expect(standInCalls.load(ordering: .relaxed) == counted)
  }

  @Test("on the caller alone a product runs as one call where its shape matches, else in blocks, the same bits")
  func alone() throws {
    // A team without helpers runs every task on the caller, however busy the machine is.
    let alone = try #require(ProductTeam(helpers: 0))
    let random = RandomSource(seed: 3)
    let (m, n, inner) = (600, 40, 30)
    for elementType in ElementType.allCases {
      func normal(rows: Int, columns: Int) -> Matrix {
        var matrix = Matrix(rows: rows, columns: columns)
        for row in 0..<rows {
          for column in 0..<columns { matrix[row, column] = random.normal() }
        }
        return matrix.converted(to: elementType)
      }
      let (a, b) = (normal(rows: m, columns: inner), normal(rows: inner, columns: n))
      let blocks = ProductTeam.blockCount(m)
      for (library, callsAlone) in [(consistentLibrary, 1), (cutSensitiveLibrary, blocks)] {
        /// The product in the team's blocks, one after the other, as the helpers would run them.
        func inBlocks() -> Matrix {
          var c = Matrix(rows: m, columns: n, repeating: .nan, elementType: elementType)
          func run(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ c: UnsafeMutableRawPointer) {
            var product = BlockedProduct(
              library: library, elementType: elementType, transposeA: false, transposeB: false, m: m, n: n,
              inner: inner, alpha: 1, beta: 0, a: a, lda: inner, b: b, ldb: n, c: c, byRows: true)
            product.zeroResult()
            for index in 0..<product.count { product.compute(index) }
          }
          switch elementType {
          case .float64:
            a.storage.withUnsafeBytes { a in
              b.storage.withUnsafeBytes { b in
                c.storage.withUnsafeMutableBytes { run(a.baseAddress!, b.baseAddress!, $0.baseAddress!) }
              }
            }
          case .float32:
            a.singleStorage.withUnsafeBytes { a in
              b.singleStorage.withUnsafeBytes { b in
                c.singleStorage.withUnsafeMutableBytes { run(a.baseAddress!, b.baseAddress!, $0.baseAddress!) }
              }
            }
          }
          return c
        }
        func onCaller() -> (Matrix, calls: Int) {
          var c = Matrix(rows: m, columns: n, repeating: .nan, elementType: elementType)
          let before = standInCalls.load(ordering: .relaxed)
          #expect(
            Matrix.multiply(
              a, transposeA: false, b, transposeB: false, alpha: 1, beta: 0, into: &c, m: m, n: n, inner: inner,
              on: alone, library: library))
          return (c, standInCalls.load(ordering: .relaxed) - before)
        }
        // The first product of the shape checks it; the second runs as the verdict says.
        _ = onCaller()
        let (result, calls) = onCaller()
        #expect(calls == callsAlone, "\(library.name) \(elementType)")
        #expect(result == inBlocks(), "\(library.name) \(elementType)")
      }
    }
  }

  @Test("the check's values are ±(1 + f)·2ᵉ, exact in float32, with both signs and every exponent from -8 to 7")
  func values() {
    let count = 4096
    for elementType in ElementType.allCases {
      let memory = UnsafeMutableRawPointer.allocate(byteCount: count * 8, alignment: 8)
      defer { memory.deallocate() }
      WholeCallVerdicts.fill(memory, count: count, elementType: elementType, stream: 7)
      let values: [Double] =
        elementType == .float64
        ? Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: Double.self), count: count))
        : Array(UnsafeBufferPointer(start: memory.assumingMemoryBound(to: Float.self), count: count)).map(Double.init)
      var exponents = Set<Int>()
      for value in values {
        #expect(Double(Float(value)) == value)
        exponents.insert(Int(value.exponent))
        // The fraction has at most 20 bits.
        #expect(value.significand * Double(1 << 20) == (value.significand * Double(1 << 20)).rounded())
      }
      #expect(exponents == Set(-8...7), "\(elementType)")
      let negative = values.filter { $0 < 0 }.count
      #expect(negative > count / 3 && negative < 2 * count / 3, "\(elementType)")
      // Another stream gives other values.
      let other = UnsafeMutableRawPointer.allocate(byteCount: count * 8, alignment: 8)
      defer { other.deallocate() }
      WholeCallVerdicts.fill(other, count: count, elementType: elementType, stream: 8)
      #expect(memcmp(memory, other, count * elementType.bytesPerElement) != 0)
    }
  }
}
