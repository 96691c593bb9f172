@_spi(Internals) import NNCore
import Testing

/// Opening shared libraries by name while the program runs.
@Suite("Shared libraries")
struct SharedLibraryTests {
  @Test("the first name that opens is used, and its functions are found by name")
  func opensFirstFound() throws {
    let library = try SharedLibrary.open(firstOf: ["libgslcblas-missing.so.0", "libgslcblas.so.0"]).get()
    // cblas_ddot(n, x, incx, y, incy): 1·4 + 2·5 + 3·6 = 32.
    let dot = try #require(
      library.function(
        "cblas_ddot",
        as: (@convention(c) (Int32, UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32) -> Double).self))
    #expect(dot(3, [1, 2, 3], 1, [4, 5, 6], 1) == 32)
    #expect(library.function("no_such_function_here", as: (@convention(c) () -> Void).self) == nil)
  }

  @Test("when no name opens, the loader's message for the last one is kept")
  func reportsTheLastFailure() {
    let result = SharedLibrary.open(firstOf: ["libfirst-missing.so.0", "libsecond-missing.so.0"])
    guard case .failure(let error) = result else {
      Issue.record("a library was opened")
      return
    }
    #expect(error.reason.contains("libsecond-missing.so.0"), "\(error.reason)")
    guard case .failure(let empty) = SharedLibrary.open(firstOf: []) else {
      Issue.record("a library was opened from no names")
      return
    }
    #expect(empty.reason == "no file names given")
  }
}
