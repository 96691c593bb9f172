import Foundation
import Testing

/// `nn export`: a trained model (with its standardisation) as an ONNX file whose predictions ONNX Runtime
/// computes as `nn predict` does; refusals name the component or the flag.
@Suite("nn export")
struct ExportCommandTests {
  /// Runs python3 with `arguments` and `input` on standard input; returns its status and output.
  static func python(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let inputFile = directory.appendingPathComponent("input")
    let outputFile = directory.appendingPathComponent("output")
    try Data(input.utf8).write(to: inputFile)
    _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    let output = try FileHandle(forWritingTo: outputFile)
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    try output.close()
    return (process.terminationStatus, try String(contentsOf: outputFile, encoding: .utf8))
  }

  /// The bundled iris rows nn reads with `--data iris`.
  static let irisFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Packages/NNData/Sources/NNData/Resources/iris.data")

  @Test("an exported iris model predicts in ONNX Runtime what nn predict prints, to 1e-12")
  func predictionsAgree() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("iris.json")
    let onnx = directory.appendingPathComponent("iris.onnx")
    let trained = try CommandRunner.run([
      "train", "--standardize", "--layers", "12,6", "--activation", "leaky_relu(negative_slope=0.1)", "--epochs",
      "20", "--save", model.path, "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.error)")
    let exported = try CommandRunner.run(["export", "--model", model.path, "--onnx", onnx.path])
    #expect(exported.status == 0, "\(exported.error)")
    #expect(
      exported.output.contains("4-12-6-3 network, operators Sub, Div, Gemm, Mul, Greater, Where, Softmax, Identity"),
      "\(exported.output)")
    let predicted = try CommandRunner.run(["predict", "--model", model.path])
    #expect(predicted.status == 0, "\(predicted.error)")
    let (available, _) = try Self.python(["-c", "import onnxruntime"])
    guard available == 0 else {
      print("nn export check against ONNX Runtime skipped: python3 cannot import onnxruntime")
      return
    }
    // ONNX Runtime on the bundled iris rows against nn predict's probabilities, as nn prints them (17 digits).
    let script = """
      import csv, io, sys, numpy, onnxruntime
      rows = [line.split(",")[:4] for line in open(sys.argv[2]) if line.count(",") == 4]
      x = numpy.array(rows, dtype=numpy.float64)
      y = onnxruntime.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"]).run(None, {"input": x})[0]
      table = list(csv.reader(io.StringIO(sys.stdin.read())))
      expected = numpy.array([[float(value) for value in row[1:]] for row in table[1:]])
      print(numpy.abs(y - expected).max() / numpy.abs(expected).max())
      """
    let (status, output) = try Self.python(
      ["-c", script, onnx.path, Self.irisFile.path], input: predicted.output)
    #expect(status == 0, "\(output)")
    let difference = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
    #expect(difference < 1e-12, "ONNX Runtime differs from nn predict by \(difference)")
  }

  @Test("a gelu network exports; a wrong file name is refused and nothing is written")
  func geluAndNames() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("gelu.json")
    let onnx = directory.appendingPathComponent("gelu.onnx")
    let trained = try CommandRunner.run([
      "train", "--layers", "5", "--activation", "gelu", "--iterations", "2", "--save", model.path, "--quiet",
    ])
    #expect(trained.status == 0, "\(trained.error)")
    let result = try CommandRunner.run(["export", "--model", model.path, "--onnx", onnx.path])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("Neg, Exp"), "\(result.output)")
    let badName = try CommandRunner.run(["export", "--model", model.path, "--onnx", directory.path + "/x.json"])
    #expect(badName.status == 64 && badName.error.contains("--onnx must end in .onnx"))
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/x.json"))
  }
}

/// `nn import`: a model file from a numpy `.npz`, which `nn predict` then uses; refusals name what is wrong.
@Suite("nn import")
struct ImportCommandTests {
  @Test("a numpy archive becomes a model file that predicts with those weights; bad input is refused")
  func importsWeights() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let archive = directory.appendingPathComponent("weights.npz").path
    let model = directory.appendingPathComponent("model.json").path
    // W = [[1, -1]] (one input, two units), b = [0, 0]: logits (x, -x).
    let (status, output) = try ExportCommandTests.python([
      "-c", "import numpy, sys; numpy.savez(sys.argv[1], w=numpy.array([[1.0, -1.0]]), b=numpy.zeros(2))", archive,
    ])
    #expect(status == 0, "\(output)")
    let imported = try CommandRunner.run([
      "import", "--npz", archive, "--network", "dense(2),softmax", "--input-width", "1", "--loss",
      "softmax_cross_entropy", "--save", model,
    ])
    #expect(imported.status == 0, "\(imported.error)")
    #expect(imported.output.contains("2 arrays (w, b), numpy layout"))
    let saved = try ModelFileTests.object(at: URL(fileURLWithPath: model))
    let weights = try #require(saved["weights"] as? [String: [String: Any]])
    #expect(weights["layers.0.weight"]?["elements"] as? [Double] == [1, -1])
    let layout = try CommandRunner.run([
      "import", "--npz", archive, "--network", "dense(2)", "--input-width", "1", "--layout", "torch", "--save", model,
    ])
    #expect(layout.status == 64 && layout.error.contains("--layout must be numpy or pytorch"))
    let shape = try CommandRunner.run([
      "import", "--npz", archive, "--network", "dense(2)", "--input-width", "3", "--save", model,
    ])
    #expect(shape.status == 65 && shape.error.contains("array 'w' is 1×2"), "\(shape.error)")
    let missing = try CommandRunner.run([
      "import", "--npz", directory.path + "/none.npz", "--network", "dense(2)", "--input-width", "1", "--save", model,
    ])
    #expect(missing.status == 66 && missing.error.contains("none.npz"), "\(missing.error)")
  }
}
