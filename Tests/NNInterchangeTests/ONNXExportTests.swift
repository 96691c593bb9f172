import Foundation
import NNCore
import NNData
import NNInterchange
import NNLayers
import NNOptim
import NNTraining
import Testing

/// ONNX export checked by ONNX Runtime itself: every supported network is exported, `onnx.checker` accepts the
/// file, and `onnxruntime` computes the network's predictions to 1e-12 of nn's. Skipped, with the reason printed,
/// when the Python packages `onnx` and `onnxruntime` cannot be imported (`make test` installs them).
@Suite("ONNX export")
struct ONNXExportTests {
  private let registry = TestRegistry.shared

  /// Whether Python can import onnx and onnxruntime; prints why not.
  static let runtimeAvailable: Bool = {
    let (status, output) = python(["-c", "import onnx, onnxruntime"])
    if status != 0 { print("ONNX export tests skipped: python3 cannot import onnx and onnxruntime: \(output)") }
    return status == 0
  }()

  /// Runs python3 with `arguments`; returns its status and its standard output and error.
  static func python(_ arguments: [String]) -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The networks every export covers: each built-in activation, with and without bias, maxout and dropout.
  static let networks: [(String, Int)] = [
    ("dense(12),sigmoid,dense(6),sigmoid,dense(3),softmax", 4),
    ("dense(8,bias=false),tanh,dense(5),relu,dense(3),log_softmax", 4),
    ("dense(7),leaky_relu(negative_slope=0.2),dense(6),elu(alpha=0.7),dense(3),identity", 4),
    ("dense(9),selu,dropout(rate=0.3),dense(5),softplus(beta=2),dense(2),sigmoid", 3),
    ("dense(6),hard_sigmoid,dense(6),swish(beta=1.5),dense(4),silu,dense(2)", 5),
    ("maxout(units=5,pieces=3),dense(4),maxout(units=2,pieces=2,bias=false),softmax", 4),
    ("dense(8),gelu,dense(6),maxout_pool(pieces=3),gelu,dense(3),softmax", 4),
  ]

  @Test("ONNX Runtime computes nn's predictions to 1e-12, and onnx.checker accepts the file", arguments: networks)
  func runtimeAgrees(network: (String, Int)) throws {
    guard Self.runtimeAvailable else { return }
    let (specification, inputWidth) = network
    try Self.check(
      layers: try NetworkSpecification.layers(from: specification, registry: registry), inputWidth: inputWidth,
      exporter: ONNXExporter(), label: specification)
  }

  /// Exports the network of `layers` with random weights and a standardisation, and expects ONNX Runtime's
  /// predictions on random rows to equal nn's to 1e-12.
  static func check(layers: [any Layer], inputWidth: Int, exporter: ONNXExporter, label specification: String) throws {
    let random = RandomSource(seed: 3)
    let model = try Sequential(
      inputWidth: inputWidth, layers: layers, initializer: XavierUniformInitializer(), random: random)
    let inputs = Matrix.random(rows: 17, columns: inputWidth, in: random, minimum: -4, maximum: 4)
    let standardization = try Standardization(
      means: (0..<inputWidth).map { 0.1 * Double($0) }, scales: (0..<inputWidth).map { 1 + 0.5 * Double($0) })
    let expected = try model.predict(try standardization.applied(to: inputs))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-onnx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("model.onnx")
    try exporter.export(model, standardization: standardization).write(to: file)
    let inputText = inputs.elements.map { "\($0.bitPattern)" }.joined(separator: ",")
    let script = """
      import sys, numpy, onnx, onnxruntime
      model = onnx.load(sys.argv[1])
      onnx.checker.check_model(model, full_check=True)
      bits = numpy.array([int(v) for v in sys.argv[2].split(",")], dtype=numpy.uint64)
      x = bits.view(numpy.float64).reshape(\(inputs.rows), \(inputWidth))
      session = onnxruntime.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
      y = session.run(["output"], {"input": x})[0]
      print(",".join(str(int(v)) for v in y.astype(numpy.float64).reshape(-1).view(numpy.uint64)))
      """
    let (status, output) = python(["-c", script, file.path, inputText])
    #expect(status == 0, "\(specification): \(output)")
    guard status == 0 else { return }
    let values = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map {
      Double(bitPattern: UInt64($0)!)
    }
    #expect(values.count == expected.count)
    let scale = max(expected.maximumMagnitude(), 1e-300)
    let difference = zip(values, expected.elements).map { abs($0 - $1) }.max() ?? .infinity
    #expect(difference / scale < 1e-12, "\(specification): ONNX Runtime differs by \(difference / scale)")
  }

  @Test("a float32 export runs in ONNX Runtime in float32, within float32's rounding of the float64 predictions")
  func float32() throws {
    guard Self.runtimeAvailable else { return }
    let layers = try NetworkSpecification.layers(
      from: "dense(12),tanh,dense(6),relu,dense(3),softmax", registry: registry)
    let random = RandomSource(seed: 4)
    let model = try Sequential(
      inputWidth: 4, layers: layers, initializer: XavierUniformInitializer(), random: random)
    let inputs = Matrix.random(rows: 9, columns: 4, in: random, minimum: -2, maximum: 2)
    let expected = try model.predict(inputs)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-onnx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("model.onnx")
    try ONNXExporter(elementType: .float).export(model).write(to: file)
    let script = """
      import sys, numpy, onnx, onnxruntime
      onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)
      x = numpy.array([float(v) for v in sys.argv[2].split(",")], dtype=numpy.float32).reshape(9, 4)
      y = onnxruntime.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"]).run(None, {"input": x})[0]
      assert y.dtype == numpy.float32, y.dtype
      print(",".join(repr(float(v)) for v in y.reshape(-1)))
      """
    let text = inputs.elements.map { "\(Float($0))" }.joined(separator: ",")
    let (status, output) = Self.python(["-c", script, file.path, text])
    #expect(status == 0, "\(output)")
    guard status == 0 else { return }
    let values = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").map { Double($0)! }
    let difference = zip(values, expected.elements).map { abs($0 - $1) }.max() ?? .infinity
    #expect(difference < 1e-5, "float32 differs by \(difference)")
    #expect(difference > 0, "the float32 graph computes in float32")
  }

  @Test("the exporter takes the network's element type unless told another")
  func elementTypeOfTheNetwork() throws {
    let layers = try NetworkSpecification.layers(from: "dense(5),tanh,dense(2),softmax", registry: registry)
    let network = try Sequential(
      inputWidth: 3, layers: layers, initializer: XavierUniformInitializer(), random: RandomSource(seed: 2))
    let single = network.converted(to: .float32)
    #expect(try ONNXExporter().export(single) == (try ONNXExporter(elementType: .float).export(single)))
    #expect(try ONNXExporter().export(network) == (try ONNXExporter(elementType: .double).export(network)))
    #expect(try ONNXExporter().export(single) != (try ONNXExporter().export(network)))
    #expect(ONNXElementType(.float32) == .float && ONNXElementType(.float64) == .double)
  }

  @Test("the operators are those of the documented mapping")
  func operators() throws {
    let model = try Sequential(
      inputWidth: 4,
      layers: try NetworkSpecification.layers(from: "dense(12),sigmoid,dense(3),softmax", registry: registry),
      initializer: XavierUniformInitializer(), random: RandomSource(seed: 1))
    #expect(try ONNXExporter().operators(of: model) == ["Gemm", "Sigmoid", "Softmax", "Identity"])
    let standardization = try Standardization(means: [0, 0, 0, 0], scales: [1, 1, 1, 1])
    #expect(
      try ONNXExporter().operators(of: model, standardization: standardization).prefix(2) == ["Sub", "Div"])
  }

  @Test("a component of one's own is refused with its name and what to do, and exported once registered")
  func ownComponent() throws {
    let layers: [any Layer] = [try Dense(units: 4), ActivationLayer(SoftGate()), try Dense(units: 2)]
    let model = try Sequential(
      inputWidth: 3, layers: layers, initializer: XavierUniformInitializer(), random: RandomSource(seed: 1))
    #expect(throws: ONNXExportError.unsupported(component: "soft_gate", kind: "activation")) {
      try ONNXExporter().export(model)
    }
    #expect(
      ONNXExportError.unsupported(component: "soft_gate", kind: "activation").description.contains(
        "register one for it (ONNXExports.register(activation:)"))
    // Through the component's plugin, as nn export gathers them.
    let exports = ONNXExports.builtIn.including([NNLayersPlugin.self, SoftGatePlugin.self])
    #expect(exports.names.contains("soft_gate"))
    guard Self.runtimeAvailable else { return }
    try Self.check(layers: layers, inputWidth: 3, exporter: ONNXExporter(exports: exports), label: "soft_gate")
  }
}

/// x·σ(x), an activation of a user's own.
private struct SoftGate: ElementwiseActivation {
  var configuration: ComponentConfiguration { ComponentConfiguration(name: "soft_gate") }
  func value(_ x: Double) -> Double { x / (1 + Foundation.exp(-x)) }
  func derivative(input x: Double, output y: Double) -> Double {
    let sigma = 1 / (1 + Foundation.exp(-x))
    return sigma + x * sigma * (1 - sigma)
  }
}

/// The plugin of ``SoftGate``, with its ONNX export.
private enum SoftGatePlugin: Plugin, ONNXExportPlugin {
  static func register(in registrar: inout Registrar) {
    registrar.register(activation: ComponentEntry(name: "soft_gate", summary: "x·σ(x)") { _ in SoftGate() })
  }
  static func registerExports(in exports: inout ONNXExports) {
    exports.register(activation: "soft_gate") { _, input, graph in
      graph.add("Mul", [input, graph.add("Sigmoid", [input])])
    }
  }
}
