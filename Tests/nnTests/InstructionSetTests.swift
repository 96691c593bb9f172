import Foundation
import NNCore
import Testing

#if arch(x86_64)
  /// One `nn` binary, built with no CPU flags, run as older and newer x86-64 CPUs under Debian's user-mode
  /// emulator (`qemu-x86_64 -cpu <model>`, package qemu-user, which `make test` installs): it must run where there is
  /// no AVX2 and choose the kernels each CPU has, with the same results as those kernels give on this machine.
  @Suite("Instruction sets")
  struct InstructionSetTests {
    /// Debian's user-mode emulator of x86-64 CPUs.
    static let emulator = "/usr/bin/qemu-x86_64"

    /// A short training run whose loss depends on every kernel (tanh hidden layers, softmax cross-entropy), with
    /// plain gradient descent as in the fidelity check against numpy.
    static let training = [
      "train", "--data", "iris", "--epochs", "40", "--layers", "12,6", "--activation", "tanh", "--optimizer", "sgd",
      "--lr", "0.1", "--seed", "4", "--json", "--quiet",
    ]

    @Test(
      "a CPU without AVX2 runs the baseline kernels, one with AVX2 and FMA the x86-64-v3 kernels",
      arguments: [("Westmere", "x86-64"), ("Haswell", "x86-64-v3")])
    func emulatedCPU(model: String, kernels: String) throws {
      try #require(
        FileManager.default.isExecutableFile(atPath: Self.emulator),
        "\(Self.emulator) is missing: install Debian's qemu-user (make test does)")
      let emulated = try CommandRunner.run(Self.training, launcher: [Self.emulator, "-cpu", model])
      #expect(emulated.status == 0, "\(model): \(emulated.error)")
      let emulatedResult = try emulated.json()
      #expect(emulatedResult["kernels"] as? String == kernels)
      // The same kernels on this machine. The C library's own functions (tanh near zero, log) have variants for CPUs
      // with and without FMA, which may differ in the last bit, and an adaptive optimizer can magnify such a
      // difference over a run (Adam here: 2e-8 after 400 steps): the losses must agree to the fidelity check's
      // tolerance against numpy, 1e-9 relative.
      // A host without those kernels (no AVX2) compares with the baseline instead, which agrees to the same bound.
      let reference = KernelInstructionSet.runnable.contains(kernels) ? kernels : "x86-64"
      let native = try CommandRunner.run(Self.training, environment: ["NN_KERNELS": reference])
      #expect(native.status == 0, "\(native.error)")
      let nativeResult = try native.json()
      #expect(nativeResult["kernels"] as? String == reference)
      let emulatedLoss = try #require(emulatedResult["loss"] as? Double)
      let nativeLoss = try #require(nativeResult["loss"] as? Double)
      #expect(abs(emulatedLoss - nativeLoss) <= 1e-9 * abs(nativeLoss), "\(model): \(emulatedLoss) vs \(nativeLoss)")
    }

    @Test("kernels the CPU lacks are refused by name, with exit status 78")
    func missingInstructions() throws {
      try #require(FileManager.default.isExecutableFile(atPath: Self.emulator), "\(Self.emulator) is missing")
      let result = try CommandRunner.run(
        Self.training, environment: ["NN_KERNELS": "x86-64-v3"], launcher: [Self.emulator, "-cpu", "Westmere"])
      #expect(result.status == 78)
      #expect(
        result.error
          == "nn train: error: NN_KERNELS=x86-64-v3 names no kernels this machine can use: this CPU cannot run it\n")
    }
  }
#endif

/// `NN_KERNELS` names the kernels to use, or is refused.
@Suite("Kernel selection")
struct KernelSelectionTests {
  @Test("an unknown name is refused with the known ones, with exit status 78, before anything runs")
  func unknownName() throws {
    let result = try CommandRunner.run(["train", "--epochs", "1"], environment: ["NN_KERNELS": "avx9"])
    #expect(result.status == 78)
    #expect(result.output.isEmpty)
    #expect(
      result.error.hasPrefix("nn train: error: NN_KERNELS=avx9 names no kernels this machine can use: expected auto"))
  }

  @Test("auto and the empty value choose the best kernels")
  func automatic() throws {
    let best = try CommandRunner.run(["train", "--epochs", "1", "--json", "--quiet"]).json()["kernels"] as? String
    for value in ["auto", ""] {
      let chosen = try CommandRunner.run(
        ["train", "--epochs", "1", "--json", "--quiet"], environment: ["NN_KERNELS": value])
      #expect(try chosen.json()["kernels"] as? String == best)
    }
  }
}
