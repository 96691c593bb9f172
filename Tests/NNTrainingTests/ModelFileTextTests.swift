import Foundation
import NNCore
import Testing

@testable @_spi(Internals) import NNTraining

/// Writing a model file: the bytes JSONEncoder writes (sorted keys, unescaped slashes, one line, a final newline),
/// numbers that read back bit for bit, in Swift and in Python.
@Suite("model file: writing")
struct ModelFileTextTests {
  /// Keys that need escapes, sort differently by bytes than by characters, or are empty.
  static let keys = [
    "layers.0.weight", "layers.10.weight", "layers.2.weight", "a/b", "quote\"d", "back\\slash", "é", "e\u{301}",
    "日本", "emoji 🙂", "tab\there", "\u{1}control", "", "Z", "a",
  ]

  /// A file with every key above, in weights and in optimizer slots, and edge values in its matrices.
  static func unusualFile() -> ModelFile {
    let values: [Double] = [
      0, -0.0, 1, -1.5, 0.1, 1e22, 1e-7, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
      123_456_789, 3.0,
    ]
    var weights: [String: Matrix] = [:]
    var state: [String: StoredParameterState] = [:]
    for (index, key) in keys.enumerated() {
      let count = index % 4
      let matrix = Matrix(
        rows: count, columns: 3, elements: (0..<count * 3).map { values[($0 + index) % values.count] })
      weights[key] = matrix
      state[key] = StoredParameterState(
        step: index * 7, slots: [key: matrix, "momentum_buffer": matrix, "b/c": matrix])
    }
    weights["empty"] = Matrix(rows: 2, columns: 0)
    state["empty"] = StoredParameterState(step: 0, slots: [:])
    var file = ModelFile(
      network: StoredNetwork(
        inputWidth: 3, layers: [ComponentConfiguration(name: "dense", arguments: ["units": .integer(3)])]),
      weights: weights,
      optimizer: StoredOptimizer(configuration: ComponentConfiguration(name: "sgd/x"), state: state),
      loss: ComponentConfiguration(name: "mse"), classNames: ["a/b", "\"c\""], featureNames: ["x\ny"], seed: .max)
    file.training = ["path": .string("/tmp/a b"), "rate": .number(0.25), "weights": .object([:])]
    return file
  }

  @Test("the bytes are JSONEncoder's, whatever the keys, and read back to the same file, bit for bit")
  func bytesOfJSONEncoder() throws {
    let file = Self.unusualFile()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let text = try file.jsonData()
    #expect(text == (try encoder.encode(file)) + Data("\n".utf8))
    let read = try ModelFile(jsonData: text, source: "memory")
    #expect(read == file)
    #expect(ModelFileMatrixReadingTests.bits(read) == ModelFileMatrixReadingTests.bits(file))
  }

  @Test("a weight that is not finite: the text is not made, the file not written, nothing left in the folder")
  func nonFinite() throws {
    for value in [Double.nan, .infinity, -.infinity] {
      var file = ModelFile(trainer: try ModelFileFixture.trainer())
      file.weights["layers.2.bias"] = Matrix(rows: 1, columns: 2, elements: [0, value])
      #expect(throws: EncodingError.self) { try file.jsonData() }
      let folder = try ModelFileFixture.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let path = folder.appendingPathComponent("model.json").path
      #expect(throws: ModelFileError.unwritable(path: path, reason: "a weight or setting is not a finite number")) {
        try file.write(path: path)
      }
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test(
    "Python's json module reads what is written, every number to the same bits",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
  func python() throws {
    var file = ModelFile(trainer: try ModelFileFixture.trainer())
    var generator = SystemRandomNumberGenerator()
    for key in file.weights.keys {
      let shape = file.weights[key]!
      file.weights[key] = Matrix(
        rows: shape.rows, columns: shape.columns,
        elements: (0..<shape.count).map { index in
          if index == 0 { return .leastNonzeroMagnitude }
          // Not −0.0: written "-0" as JSONEncoder writes it, Python reads it as the integer 0.
          if index == 1 { return -.leastNonzeroMagnitude }
          var value: Double
          repeat { value = Double(bitPattern: generator.next()) } while !value.isFinite
          return value
        })
    }
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.json").path
    try file.write(path: path)
    let script = """
      import json, struct, sys
      model = json.load(open(sys.argv[1]))
      for key in sorted(model["weights"]):
          print(key, " ".join(struct.pack(">d", x).hex() for x in model["weights"][key]["elements"]))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let expected = file.weights.keys.sorted().map { key in
      key + " "
        + file.weights[key]!.elements.map { value in
          let hex = String(value.bitPattern, radix: 16)
          return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined(separator: " ")
    }
    #expect(printed.split(separator: "\n").map(String.init) == expected)
  }
}
