import Testing

/// The built tool's BLAS calls bind to OpenBLAS, never to GSL's bundled (ten times slower) CBLAS.
@Suite("Native linking")
struct NativeLinkingTests {
  @Test("every cblas_dgemm binding goes to libopenblas")
  func dgemmBindsToOpenBLAS() throws {
    let result = try CommandRunner.run(
      ["train", "--quiet", "--iterations", "1"], environment: ["LD_BIND_NOW": "1", "LD_DEBUG": "bindings"])
    #expect(result.status == 0)
    let bindings = result.error.split(separator: "\n").filter { $0.contains("`cblas_dgemm'") }
    #expect(!bindings.isEmpty, "the dynamic linker reported no binding of cblas_dgemm")
    for binding in bindings {
      #expect(binding.contains("libopenblas"), "\(binding)")
      #expect(!binding.contains("libgslcblas"), "\(binding)")
    }
  }
}
