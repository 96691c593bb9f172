import Foundation
import NNCore
import NNData
import NNLayers
import NNTraining
import Testing

/// Model files as safetensors: the same model as the JSON file, read back equal, read by the `safetensors` Python
/// package (skipped with the reason printed when it cannot be imported), and damaged files refused with the
/// reason.
@Suite("Safetensors model files")
struct SafetensorsModelFileTests {
  private func file() throws -> ModelFile {
    ModelFile(
      trainer: try ModelFileFixture.trainer(), standardization: try ModelFileFixture.standardization(),
      classNames: ["a", "b"])
  }

  @Test("written and read back, a model is the same, weights, optimizer state and settings")
  func roundTrip() throws {
    let original = try file()
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.safetensors").path
    try original.write(path: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(bytes.prefix(8).elementsEqual([UInt8](repeating: 0, count: 8)) == false)
    let read = try ModelFile.read(path: path)
    #expect(read == original)
    #expect(!read.optimizer.state.isEmpty && read.optimizer.state.values.allSatisfy { !$0.slots.isEmpty })
  }

  @Test("the safetensors package reads every weight to the bit, and the model in the metadata")
  func pythonReads() throws {
    let original = try file()
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("model.safetensors").path
    try original.write(path: path)
    let script = """
      import json, sys
      try:
          from safetensors import safe_open
      except ImportError as error:
          print("skip", error); sys.exit(0)
      with safe_open(sys.argv[1], "np") as f:
          print(json.dumps({"metadata": f.metadata(),
                            "tensors": {k: [f.get_tensor(k).shape, f.get_tensor(k).reshape(-1).view("uint64").tolist()]
                                        for k in f.keys()}}))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let text = String(decoding: output, as: UTF8.self)
    if text.hasPrefix("skip") {
      print("safetensors check skipped: python3 cannot import safetensors (\(text))")
      return
    }
    let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    let metadata = try #require(object["metadata"] as? [String: String])
    #expect(metadata["format"] == ModelFile.formatName)
    #expect(metadata["nn_model"]?.contains("\"class_names\":[\"a\",\"b\"]") == true)
    let tensors = try #require(object["tensors"] as? [String: [Any]])
    for (path, matrix) in original.weights {
      let entry = try #require(tensors[path], "\(path)")
      #expect(entry[0] as? [Int] == [matrix.rows, matrix.columns])
      let bits = (entry[1] as? [NSNumber])?.map(\.uint64Value)
      #expect(bits == matrix.elements.map(\.bitPattern), "\(path)")
    }
  }

  /// A file made of `header` after its length, then `data` bytes.
  private func damaged(header: String, data: Int) -> Data {
    var bytes = Data()
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: Array(header.utf8))
    bytes.append(contentsOf: [UInt8](repeating: 0, count: data))
    return bytes
  }

  @Test("damaged files are refused with what is wrong, before any size is used")
  func damagedFiles() throws {
    let model = String(decoding: try file().jsonData(), as: UTF8.self)
      .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let metadata = "\"__metadata__\":{\"format\":\"nn-model\",\"nn_model\":\"\(model)\"}"
    let cases: [(Data, String)] = [
      (Data([1, 2, 3]), "starts with 8 bytes of header length"),
      (damaged(header: "{}", data: 0).prefix(9), "the header claims 2 bytes"),
      (damaged(header: "[1]", data: 0), "the header is not a JSON object"),
      (damaged(header: "{}", data: 0), "has no nn model"),
      (
        damaged(header: "{\(metadata),\"w\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[0,2]}}", data: 2),
        "tensor 'w': expected dtype F64 or F32"
      ),
      (
        damaged(
          header: "{\(metadata),\"w\":{\"dtype\":\"F64\",\"shape\":[1000,1000],\"data_offsets\":[0,8]}}", data: 8),
        "tensor 'w': shape [1000, 1000] needs 8000000 bytes"
      ),
      (
        damaged(
          header: "{\(metadata),\"w\":{\"dtype\":\"F32\",\"shape\":[3,1],\"data_offsets\":[0,8]}}", data: 8),
        "tensor 'w': shape [3, 1] needs 12 bytes"
      ),
      (
        damaged(
          header: "{\(metadata),\"w\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}",
          data: 8),
        "tensor 'w': shape"
      ),
    ]
    for (bytes, expected) in cases {
      do {
        _ = try ModelFile(safetensors: bytes, source: "bad.safetensors")
        Issue.record("accepted a damaged file expected to fail with: \(expected)")
      } catch {
        #expect("\(error)".contains(expected), "\(error)")
        #expect("\(error)".contains("bad.safetensors"))
      }
    }
  }
}
