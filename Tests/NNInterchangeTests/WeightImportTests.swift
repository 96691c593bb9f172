import Foundation
import NNCore
import NNInterchange
import NNLayers
import NNOptim
import Testing

/// Weights from numpy and PyTorch: the seed's iris trace (`../shared/bench/data/iris_trace_seed0.json`, numpy's
/// float64 run of `iris.py`) imported from an `.npz` in both layouts, trained on the trace's batches, gives the
/// trace's losses and final weights to 1e-12; damaged and mismatched archives are refused with the reason.
@Suite("Weight import")
struct WeightImportTests {
  /// The shared reference data, beside the repository.
  static let benchData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/bench/data")

  /// The trace: initial weights, batches and losses, final weights.
  struct Trace: Decodable {
    struct Step: Decodable {
      let indices: [Int]
      let batchLossSum: Double
      enum CodingKeys: String, CodingKey {
        case indices
        case batchLossSum = "batch_loss_sum"
      }
    }
    let lr: Double
    let weightsInit: [[[Double]]]
    let steps: [Step]
    let weightsAfter: [[[Double]]]
    enum CodingKeys: String, CodingKey {
      case lr, steps
      case weightsInit = "weights_init"
      case weightsAfter = "weights_after"
    }
  }

  @Test(
    "the iris trace's weights, imported in both layouts, train to the trace's losses and weights",
    arguments: ["numpy", "pytorch"])
  func irisTrace(layout: String) throws {
    let traceFile = Self.benchData.appendingPathComponent("iris_trace_seed0.json")
    guard FileManager.default.fileExists(atPath: traceFile.path) else {
      print("weight import trace check skipped: \(traceFile.path) is missing")
      return
    }
    let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: traceFile))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let archive = folder.appendingPathComponent("weights.npz").path
    // numpy: w0, w1, w2 as inputs × units; PyTorch: a Sequential's state_dict keys, units × inputs, compressed.
    let script = """
      import json, sys, numpy
      trace = json.load(open(sys.argv[1]))
      weights = [numpy.array(w, dtype=numpy.float64) for w in trace["weights_init"]]
      if sys.argv[3] == "numpy":
          numpy.savez(sys.argv[2], w0=weights[0], w1=weights[1], w2=weights[2])
      else:
          numpy.savez_compressed(sys.argv[2], **{"%d.weight" % (2 * i): w.T for i, w in enumerate(weights)})
      """
    let (status, output) = ONNXExportTests.python(["-c", script, traceFile.path, archive, layout])
    #expect(status == 0, "\(output)")
    let arrays = try WeightImport.arrays(npz: archive)
    #expect(arrays.map(\.name) == (layout == "numpy" ? ["w0", "w1", "w2"] : ["0.weight", "2.weight", "4.weight"]))
    let layers: [any Layer] = [
      try Dense(units: 12, bias: false), ActivationLayer(Sigmoid()), try Dense(units: 6, bias: false),
      ActivationLayer(Sigmoid()), try Dense(units: 3, bias: false), ActivationLayer(Sigmoid()),
    ]
    let network = try WeightImport.network(
      arrays: arrays, layers: layers, inputWidth: 4, layout: WeightLayout(rawValue: layout)!)
    #expect(
      network.parameters.filter { !$0.isEmpty }.map { $0[0].elements } == trace.weightsInit.map { $0.flatMap { $0 } })
    // The trace's data: iris.csv's rows, one-hot labels.
    let rows = try String(contentsOf: Self.benchData.appendingPathComponent("iris.csv"), encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    let features = Matrix(rows.map { Array($0.prefix(4)) })
    var targets = Matrix(rows: rows.count, columns: 3)
    for (index, row) in rows.enumerated() { targets[index, Int(row[4])] = 1 }
    var trainer = Trainer(
      network: network, loss: MeanSquaredError(reduction: .sum), optimizer: try SGD(learningRate: trace.lr))
    let random = RandomSource(seed: 0)
    for (number, step) in trace.steps.enumerated() {
      let loss = try step.indices.withUnsafeBufferPointer {
        try trainer.step(rows: $0, of: features, targets: targets, random: random)
      }
      #expect(abs(loss - step.batchLossSum) <= 1e-12 * abs(step.batchLossSum), "step \(number): \(loss)")
    }
    let final = trainer.network.parameters.filter { !$0.isEmpty }.flatMap { $0[0].elements }
    let expected = trace.weightsAfter.flatMap { $0.flatMap { $0 } }
    let scale = expected.map(abs).max()!
    #expect(zip(final, expected).map { abs($0 - $1) }.max()! / scale < 1e-12)
  }

  @Test("arrays that do not fit the network are refused, naming the array and the parameter")
  func mismatches() throws {
    let layers: [any Layer] = [try Dense(units: 3), ActivationLayer(Tanh()), try Dense(units: 2, bias: false)]
    let weight = NumpyArray(shape: [4, 3], values: Array(repeating: 0.5, count: 12))
    let bias = NumpyArray(shape: [3], values: [1, 2, 3])
    let last = NumpyArray(shape: [3, 2], values: Array(repeating: 0.25, count: 6))
    let network = try WeightImport.network(
      arrays: [("a", weight), ("b", bias), ("c", last)], layers: layers, inputWidth: 4, layout: .numpy)
    #expect(network.parameters[0][1].elements == [1, 2, 3])
    #expect(throws: WeightImportError.countMismatch(arrays: 2, parameters: 3)) {
      try WeightImport.network(arrays: [("a", weight), ("b", bias)], layers: layers, inputWidth: 4, layout: .numpy)
    }
    do {
      _ = try WeightImport.network(
        arrays: [("a", weight), ("b", bias), ("c", last)], layers: layers, inputWidth: 4, layout: .pytorch)
      Issue.record("a numpy-layout weight was taken as PyTorch's")
    } catch {
      #expect("\(error)".contains("array 'a' is 4×3, but layer 0 (dense(bias=true, units=3)) needs 3×4"), "\(error)")
    }
  }

  @Test("damaged .npy arrays are refused with the reason, before any size is used")
  func damagedArrays() throws {
    func npy(_ header: String, values: Int) -> Data {
      var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
      let text = Array(header.utf8)
      bytes += [UInt8(text.count & 0xff), UInt8(text.count >> 8)] + text
      bytes += [UInt8](repeating: 0, count: values * 8)
      return Data(bytes)
    }
    let cases: [(Data, String)] = [
      (Data([1, 2, 3]), "not a .npy array"),
      (npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", values: 2), "element type '<i8'"),
      (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", values: 5), "needs 48 bytes of values"),
      (
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", values: 1),
        "more than"
      ),
      (npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }", values: 8), "3 dimensions"),
    ]
    for (bytes, expected) in cases {
      #expect {
        _ = try NumpyArray(npy: bytes, name: "x")
      } throws: { error in
        "\(error)".contains(expected) && "\(error)".contains("array 'x'")
      }
    }
    let fortran = try NumpyArray(
      npy: npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", values: 6), name: "f")
    #expect(fortran.shape == [2, 3])
  }
}
