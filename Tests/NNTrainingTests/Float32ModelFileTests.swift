import Foundation
import NNCore
import NNData
import NNLayers
import NNOptim
import Testing

@testable import NNTraining

/// Model files of float32 networks: the type is stored, every matrix keeps it, and the fast matrix text reads and
/// writes what Foundation's coders would.
@Suite("float32 model files")
struct Float32ModelFileTests {
  /// The fixture's trainer converted to float32 and trained two more steps, so its optimizer state is float32.
  private func float32Trainer() throws -> Trainer {
    let trained = try ModelFileFixture.trainer()
    var trainer = Trainer(
      network: trained.network.converted(to: .float32), loss: trained.loss, optimizer: trained.optimizer)
    let inputs = try ModelFileFixture.standardization().applied(to: ModelFileFixture.features)
    let random = RandomSource(seed: 3)
    for _ in 0..<2 {
      _ = try trainer.step(inputs: inputs, targets: ModelFileFixture.targets, random: random)
    }
    return trainer
  }

  private func float32File() throws -> ModelFile {
    ModelFile(
      trainer: try float32Trainer(), standardization: try ModelFileFixture.standardization(), classNames: ["a", "b"])
  }

  @Test("the network, every weight and every slot are stored as float32, and read back the same to the bit")
  func roundTrip() throws {
    let file = try float32File()
    #expect(file.network.elementType == .float32)
    #expect(file.weights.values.allSatisfy { $0.elementType == .float32 })
    let bytes = try file.jsonBytes()
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains(#""element_type":"float32","input_width":3"#))
    let read = try ModelFile(jsonData: Data(bytes), source: "float32.json")
    #expect(read == file)
    for (key, weight) in read.weights {
      #expect(weight.elementType == .float32)
      #expect(
        weight.elementArray(as: Float.self).map(\.bitPattern)
          == file.weights[key]!.elementArray(as: Float.self).map(\.bitPattern))
    }
    let slots = read.optimizer.state.values.flatMap(\.slots.values)
    #expect(!slots.isEmpty && slots.allSatisfy { $0.elementType == .float32 })
    let model = try LoadedModel(file: read, registry: TestRegistry.shared)
    #expect(model.network.elementType == .float32)
    #expect(try model.predict(ModelFileFixture.features).elementType == .float32)
  }

  @Test("the fast writer writes the bytes Foundation's encoder writes, and both readers read the same file")
  func sameAsFoundation() throws {
    let file = try float32File()
    let fast = try file.jsonBytes()
    let foundation = [UInt8](try ModelFile.makeEncoder().encode(file)) + [UInt8(ascii: "\n")]
    #expect(fast == foundation)
    let apart = try #require(try ModelFile.decodedWithMatricesApart(Data(fast), source: "fast"))
    #expect(apart == (try ModelFile.decodedWithFoundation(Data(fast), source: "whole")))
  }

  @Test(
    "float32 elements at the ends of the range read back exactly",
    arguments: [
      Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude, Float.leastNonzeroMagnitude,
      Float.leastNormalMagnitude, Float.leastNormalMagnitude.nextDown, -0.0, 1, Float(1).nextUp, 0.1,
      Float.leastNormalMagnitude * 0.3, 16_777_218, 1e-7,
    ])
  func extremes(value: Float) throws {
    let matrix = Matrix(rows: 1, columns: 2, elements: [value, -value])
    var bytes: [UInt8] = []
    #expect(MatrixText.append(matrix, to: &bytes) == nil)
    #expect(bytes == [UInt8](try JSONEncoder.sortedKeys.encode(matrix)))
    let read = try #require(bytes.withUnsafeBufferPointer { MatrixText.read($0, at: 0) })
    #expect(read.matrix.elementType == .float32)
    #expect(read.matrix.elementArray(as: Float.self).map(\.bitPattern) == [value.bitPattern, (-value).bitPattern])
  }

  @Test("a number whose nearest Double is halfway between two Floats is rounded from its text")
  func midpoints() throws {
    // 1 + 2⁻²⁴ is halfway between 1 and the next Float; a number just above it belongs to the next Float, but
    // its nearest Double is the midpoint itself, which rounds to even (1) if rounded again.
    let above = Array("1.0000000596046448".utf8)
    let exactMidpoint = Array("1.000000059604644775390625".utf8)
    func single(_ text: [UInt8]) -> Float? {
      text.withUnsafeBufferPointer { bytes in
        guard let (value, end) = JSONNumberText.read(bytes, at: 0) else { return nil }
        return JSONNumberText.single(value, in: bytes[0..<end])
      }
    }
    #expect(single(above) == Float(1).nextUp)
    #expect(single(exactMidpoint) == 1)
    #expect(single(Array("1e-50".utf8)) == nil)  // a non-zero number that is zero as a Float
    #expect(single(Array("1e39".utf8)) == nil)  // beyond the largest Float
    #expect(single(Array("-0".utf8))?.sign == .minus)
  }

  @Test("a float32 matrix out of range or of another type is left to Foundation, which names the key")
  func outOfRange() throws {
    var object = try JSONSerialization.jsonObject(with: try float32File().jsonData()) as! [String: Any]
    var weights = object["weights"] as! [String: Any]
    weights["layers.0.bias"] = ["rows": 1, "columns": 5, "element_type": "float32", "elements": [1e39, 0, 0, 0, 0]]
    object["weights"] = weights
    let data = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: ModelFileError.self) { try ModelFile(jsonData: data, source: "range.json") }
  }

  @Test("a weight or slot of another type than the network's is refused, naming it")
  func mixedTypes() throws {
    var file = try float32File()
    file.weights["layers.2.bias"] = file.weights["layers.2.bias"]!.converted(to: .float64)
    #expect {
      try LoadedModel(file: file, registry: TestRegistry.shared)
    } throws: { error in
      "\(error)".contains("weight 'layers.2.bias' is float64, network.element_type is float32")
    }
    file = try float32File()
    var state = file.optimizer.state["layers.0.weight"]!
    state.slots = state.slots.mapValues { $0.converted(to: .float64) }
    file.optimizer.state["layers.0.weight"] = state
    #expect {
      try LoadedModel(file: file, registry: TestRegistry.shared)
    } throws: { error in
      "\(error)".contains("of 'layers.0.weight' is float64, the weight is float32")
    }
  }

  @Test("float64 files do not mention an element type")
  func float64Unchanged() throws {
    let file = ModelFile(trainer: try ModelFileFixture.trainer(), classNames: ["a", "b"])
    #expect(!String(decoding: try file.jsonBytes(), as: UTF8.self).contains("element_type"))
    var settings = TrainingSettings()
    #expect(StoredSettings(settings).elementType == nil)
    settings.elementType = .float32
    let stored = StoredSettings(settings)
    let text = String(decoding: try JSONEncoder.sortedKeys.encode(stored), as: UTF8.self)
    #expect(text.contains(#""element_type":"float32""#))
    #expect(try JSONDecoder().decode(StoredSettings.self, from: Data(text.utf8)).settings().elementType == .float32)
  }

  @Test("safetensors store float32 tensors as F32 and read them back to the bit")
  func safetensors() throws {
    let file = try float32File()
    let bytes = try file.safetensorsBytes()
    let length = Int(bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) })
    let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<8 + length])) as! [String: Any]
    let weight = try #require(header["layers.0.weight"] as? [String: Any])
    #expect(weight["dtype"] as? String == "F32")
    #expect((weight["data_offsets"] as? [Int]).map { $0[1] - $0[0] } == 3 * 5 * 4)
    let read = try ModelFile(safetensors: Data(bytes), source: "float32.safetensors")
    #expect(read == file)
    #expect(read.weights.values.allSatisfy { $0.elementType == .float32 })
  }

  @Test("predictions of a float32 model are written as the shortest float32 text")
  func predictionText() throws {
    let outputs = Matrix(rows: 1, columns: 2, elements: [Float(0.1), Float(0.9)])
    let table = PredictionTable(outputs: outputs, classNames: ["a", "b"])
    #expect(table.csv() == "predicted,a,b\nb,0.1,0.9\n")
    let single = PredictionTable(outputs: Matrix(rows: 1, columns: 1, elements: [Float(0.25)]), classNames: ["a", "b"])
    #expect(single.values.elementType == .float32)
    #expect(single.csv() == "predicted,a,b\na,0.75,0.25\n")
  }
}

extension JSONEncoder {
  /// An encoder with sorted keys, as model files are written.
  fileprivate static var sortedKeys: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}
