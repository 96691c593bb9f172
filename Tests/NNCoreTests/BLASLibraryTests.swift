import CGSL
import Testing

@testable import NNCore

/// Opening the CBLAS library: OpenBLAS, or GSL's CBLAS when OpenBLAS cannot be opened.
@Suite("BLAS library")
struct BLASLibraryTests {
  /// `[[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]` through `library`.
  private func expectProduct(_ library: BLASLibrary) {
    let a: [Double] = [1, 2, 3, 4]
    let b: [Double] = [5, 6, 7, 8]
    var c = [Double](repeating: .nan, count: 4)
    library.multiply(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
    #expect(c == [19, 22, 43, 50])
  }

  @Test("OpenBLAS is found under its usual names and multiplies")
  func opensOpenBLAS() throws {
    let library = try BLASLibrary.load().get()
    #expect(library.name == "OpenBLAS")
    #expect(library.problem == nil)
    #expect(library.setThreadCount != nil && library.threadCount != nil)
    expectProduct(library)
  }

  @Test("without OpenBLAS, GSL's CBLAS multiplies and the reason is kept")
  func fallsBackToGSL() throws {
    let library = try BLASLibrary.load(openBLAS: ["libopenblas-missing.so.0"]).get()
    #expect(library.name == "GSL CBLAS")
    #expect(library.problem?.contains("libopenblas-missing.so.0") == true, "\(library.problem ?? "nil")")
    #expect(library.setThreadCount == nil)
    expectProduct(library)
  }

  @Test("with neither library, the error names both problems")
  func neitherLibrary() {
    let result = BLASLibrary.load(openBLAS: ["libopenblas-missing.so.0"], fallback: ["libgslcblas-missing.so.0"])
    guard case .failure(let error) = result else {
      Issue.record("a library was opened")
      return
    }
    #expect(error.openBLAS.contains("libopenblas-missing.so.0"))
    #expect(error.fallback.contains("libgslcblas-missing.so.0"))
    #expect(error.description.hasPrefix("no CBLAS library could be opened"))
  }

  @Test("a thread count asked for before OpenBLAS opens sizes its pool, unless the environment already does")
  func poolSize() {
    let none: (String) -> String? = { _ in nil }
    #expect(BLASLibrary.poolSize(requested: 1, environment: none) == "1")
    #expect(BLASLibrary.poolSize(requested: 3, environment: none) == "3")
    #expect(BLASLibrary.poolSize(requested: nil, environment: none) == nil)
    for variable in ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"] {
      #expect(BLASLibrary.poolSize(requested: 1, environment: { $0 == variable ? "4" : nil }) == nil, "\(variable)")
    }
  }
}
