import Foundation
import Testing

/// `nn train --threads`: large products, elementwise passes and batches of the fused kernel shared by threads give
/// the same numbers on any number of threads above one, and within rounding of one thread's; a network the fused
/// kernel trains gets one thread's weights to the bit.
@Suite("nn train --threads")
struct ThreadCountCommandTests {
  /// 300 samples of 64 features in [0, 1) and a label of 3 classes, from a fixed linear congruential sequence.
  static func data() -> String {
    var state: UInt64 = 12_345
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var lines = [(0..<64).map { "x\($0)" }.joined(separator: ",") + ",label"]
    for _ in 0..<300 {
      let features = (0..<64).map { _ in next() }
      let label = features[0] + features[1] > 1 ? "a" : features[2] > 0.5 ? "b" : "c"
      lines.append(features.map { "\($0)" }.joined(separator: ",") + ",\(label)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The hidden layer's width: 512 makes products of 256 × 64 × 512 multiply-adds, above the size that is shared;
  /// 128 makes a network the fused kernel trains, which cuts a batch of 256 rows into two parts (128 rows times its
  /// 8,707 parameters, above the least work the fused kernel gives a part, 2²⁰).
  @Test(
    "a network trains to the same loss on 2 and 3 threads, and within rounding of 1; in the fused kernel to 1's weights",
    arguments: ["512", "128"])
  func sameResults(hiddenWidth: String) throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("wide.csv")
    try Data(Self.data().utf8).write(to: file)
    for dtype in ["float64", "float32"] {
      var losses: [Double] = []
      var models: [String] = []
      for threads in [1, 2, 3] {
        let model = directory.appendingPathComponent("\(dtype)-\(threads).json")
        let result = try CommandRunner.run([
          "train", "--data", file.path, "--layers", hiddenWidth, "--activation", "relu", "--batch-size", "256",
          "--epochs", "20", "--optimizer", "adam", "--lr", "0.001", "--dtype", dtype, "--threads", "\(threads)",
          "--json", "--save", model.path,
        ])
        #expect(result.status == 0, "\(result.error)")
        losses.append(try #require(try result.json()["loss"] as? Double))
        // The file records the thread count asked for; everything else is compared.
        let text = try String(contentsOf: model, encoding: .utf8)
        models.append(text.replacingOccurrences(of: #""threads":\d+"#, with: "", options: .regularExpression))
      }
      if hiddenWidth == "128" {
        // The fused kernel's parts sum every parameter gradient as one thread does: the same weights and optimizer
        // state, to the last digit written.
        #expect(models[1] == models[0] && models[2] == models[0], "\(dtype): the model differs from one thread's")
      }
      #expect(losses[1] == losses[2], "\(dtype): 2 threads \(losses[1]), 3 threads \(losses[2])")
      let tolerance = dtype == "float64" ? 1e-12 : 1e-4
      #expect(abs(losses[1] - losses[0]) <= tolerance * losses[0], "\(dtype): \(losses)")
    }
  }
}
