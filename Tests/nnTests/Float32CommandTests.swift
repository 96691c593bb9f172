import Foundation
import Testing

/// `nn train --dtype float32`: the type reaches the model file, `nn eval`, `nn predict` and `nn export`, and a
/// resumed run keeps it.
@Suite("nn train --dtype")
struct Float32CommandTests {
  @Test("a float32 model is saved, evaluated, predicted with and exported as float32")
  func float32Model() throws {
    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("iris32.json")
    let train = try CommandRunner.run([
      "train", "--dtype", "float32", "--epochs", "300", "--standardize", "--save", model.path, "--json",
    ])
    #expect(train.status == 0, "\(train.error)")
    let summary = try train.json()
    #expect(summary["dtype"] as? String == "float32")
    #expect((summary["accuracy"] as? Double ?? 0) > 0.9)
    let object = try ModelFileTests.object(at: model)
    #expect((object["network"] as? [String: Any])?["element_type"] as? String == "float32")
    #expect((object["training"] as? [String: Any])?["element_type"] as? String == "float32")
    let weights = try #require(object["weights"] as? [String: [String: Any]])
    #expect(weights.values.allSatisfy { $0["element_type"] as? String == "float32" })

    let evaluation = try CommandRunner.run(["eval", "--model", model.path, "--json"])
    #expect(evaluation.status == 0, "\(evaluation.error)")
    #expect((try evaluation.json()["accuracy"] as? Double ?? 0) > 0.9)

    let prediction = try CommandRunner.run(["predict", "--model", model.path])
    #expect(prediction.status == 0, "\(prediction.error)")
    // Probabilities are written as the shortest float32 text: at most 9 significant digits.
    let fields = prediction.output.split(separator: "\n")[1].split(separator: ",").dropFirst()
    for field in fields {
      let digits = field.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
      #expect(digits.count <= 9, "\(field)")
      #expect(Float(String(field)) != nil)
    }

    let resumed = try CommandRunner.run(["train", "--resume", model.path, "--epochs", "5", "--json"])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(try resumed.json()["dtype"] as? String == "float32")

    let onnx = directory.appendingPathComponent("iris32.onnx")
    let export = try CommandRunner.run(["export", "--model", model.path, "--onnx", onnx.path])
    #expect(export.status == 0, "\(export.error)")
    let bytes = try Data(contentsOf: onnx)
    // The graph input's element type: TensorProto.FLOAT (1), not DOUBLE (11); checked in ONNX's own terms by the
    // interchange tests, here as the exported file differs from a float64 export of the same model.
    let model64 = directory.appendingPathComponent("iris64.json")
    #expect(try CommandRunner.run(["train", "--epochs", "300", "--standardize", "--save", model64.path]).status == 0)
    let onnx64 = directory.appendingPathComponent("iris64.onnx")
    #expect(try CommandRunner.run(["export", "--model", model64.path, "--onnx", onnx64.path]).status == 0)
    #expect(bytes.count < (try Data(contentsOf: onnx64)).count)
  }

  @Test("an unknown type and a resumed run of another type are refused with what to give")
  func refusals() throws {
    let unknown = try CommandRunner.run(["train", "--dtype", "float16"])
    #expect(unknown.status == 64)
    #expect(unknown.error.contains("--dtype must be float64 or float32, got 'float16'"))

    let directory = try CommandRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = directory.appendingPathComponent("iris64.json")
    #expect(try CommandRunner.run(["train", "--epochs", "5", "--save", model.path, "--quiet"]).status == 0)
    let before = try Data(contentsOf: model)
    let resumed = try CommandRunner.run([
      "train", "--resume", model.path, "--dtype", "float32", "--save", model.path, "--quiet",
    ])
    #expect(resumed.status == 64)
    #expect(resumed.error.contains("--dtype float32: the model computes in float64"))
    #expect(try Data(contentsOf: model) == before, "the model file is left as it was")
  }
}
