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

  @Test("OpenBLAS loads with a pool of one thread, and the environment is given back as it was")
  func poolOfOne() {
    for earlier in [nil, "4", "1"] as [String?] {
      var environment: [String: String] = ["OMP_NUM_THREADS": "2"]
      environment["OPENBLAS_NUM_THREADS"] = earlier
      var seenWhileLoading: String?
      let loaded = BLASLibrary.loadingWithPoolOfOne(
        value: { environment[$0] }, setValue: { environment[$0] = $1 },
        {
          seenWhileLoading = environment["OPENBLAS_NUM_THREADS"]
          return 7
        })
      #expect(loaded == 7)
      #expect(seenWhileLoading == "1", "earlier \(earlier ?? "unset")")
      #expect(environment["OPENBLAS_NUM_THREADS"] == earlier)
      #expect(environment["OMP_NUM_THREADS"] == "2")
    }
  }
}
