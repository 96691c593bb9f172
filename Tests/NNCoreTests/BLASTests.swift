import NNCore
import Testing

/// `BLAS`: the thread setting and the build description.
@Suite("BLAS settings")
struct BLASTests {
  @Test("setting one thread is read back as one")
  func singleThread() {
    BLAS.setThreadCount(1)
    #expect(BLAS.threadCount == 1)
  }

  @Test("a thread count below one is raised to one")
  func clampsToOne() {
    BLAS.setThreadCount(0)
    #expect(BLAS.threadCount >= 1)
    BLAS.setThreadCount(1)
  }

  @Test("the build description is not empty")
  func configuration() {
    #expect(!BLAS.configuration.isEmpty)
  }
}
