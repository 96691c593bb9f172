import Foundation
import Testing

@testable import NNData

@Suite("libmatio loaded on first use")
struct MatioLoadingTests {
  @Test("the installed libmatio loads and has every function nn calls")
  func installedLibraryLoads() throws {
    let functions = try MatioFunctions.load().get()
    // A call through the looked-up pointers: a missing file gives no handle.
    #expect(functions.open("/nonexistent/file.mat", 0) == nil)
  }

  @Test("a library that cannot be found is a clear error naming it and what to install")
  func missingLibraryIsReported() {
    let result = MatioFunctions.load(from: ["libmatio-not-installed.so.0"])
    guard case .failure(let error) = result, case .unavailableLibrary(let name, let reason) = error else {
      Issue.record("expected unavailableLibrary, got \(result)")
      return
    }
    #expect(name == "libmatio")
    #expect(reason.contains("libmatio-not-installed.so.0"))
    #expect("\(error)".contains("install the Debian package libmatio-dev"))
  }
}
