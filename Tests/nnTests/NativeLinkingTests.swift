import Testing

/// OpenBLAS is opened only by runs with matrix products, and the products then run on it, never on GSL's bundled
/// (ten times slower) CBLAS.
@Suite("Native linking")
struct NativeLinkingTests {
  /// The loader's messages about `library` in a run of `nn` with `arguments`.
  private func loaderLines(_ arguments: [String], mentioning library: String) throws -> [Substring] {
    let result = try CommandRunner.run(arguments, environment: ["LD_DEBUG": "files,bindings"])
    #expect(result.status == 0)
    return result.error.split(separator: "\n").filter { $0.contains(library) }
  }

  @Test("a run the fused kernel trains and evaluates never opens OpenBLAS")
  func smallNetworkSkipsOpenBLAS() throws {
    let lines = try loaderLines(["train", "--quiet", "--iterations", "3"], mentioning: "libopenblas")
    #expect(lines.isEmpty, "\(lines.prefix(3))")
  }

  @Test("a network with matrix products opens OpenBLAS, and its cblas_dgemm is OpenBLAS's")
  func productsRunOnOpenBLAS() throws {
    let wide = ["train", "--quiet", "--iterations", "3", "--layers", "200"]
    let lines = try loaderLines(wide, mentioning: "libopenblas")
    #expect(lines.contains { $0.contains("dynamically loaded") }, "OpenBLAS was not opened: \(lines.prefix(3))")
    let bindings = try loaderLines(wide, mentioning: "`cblas_dgemm'")
    #expect(!bindings.isEmpty, "the dynamic linker reported no lookup of cblas_dgemm")
    for binding in bindings {
      #expect(binding.contains("libopenblas"), "\(binding)")
      #expect(!binding.contains("libgslcblas"), "\(binding)")
    }
  }
}
