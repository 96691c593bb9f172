import NNCore
import Testing

/// `BLAS`: the thread setting and the build description.
@Suite("BLAS settings")
struct BLASTests {
  // The count is set here only to the value it has: other tests of this process run at the same time.
  @Test("the thread count is at least one, and setting it is read back")
  func threadCount() {
    let count = BLAS.threadCount
    #expect(count >= 1 && BLAS.processorCount >= 1)
    BLAS.setThreadCount(count)
    #expect(BLAS.threadCount == count)
  }

  @Test("the build description is not empty")
  func configuration() {
    #expect(!BLAS.configuration.isEmpty)
  }
}
