import ArgumentParser
import Foundation
@_spi(Internals) import NNData
import NNInterchange
import NNTraining

/// `nn export`: a saved model as an ONNX file.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a saved model to ONNX, for ONNX Runtime and the frameworks that read it.",
    discussion: """
      The graph takes `input` (rows of features, before standardisation: the model's standardisation is its \
      first nodes) and gives `output` (the network's outputs, final activation included), in the model's element \
      type (float64 or float32), opset 18. It prints the operators used.
      """)

  @Option(help: "The model file written by `nn train --save`.")
  var model: String

  @Option(help: "The ONNX file to write (atomically).")
  var onnx: String

  mutating func run() throws {
    try reportingFailures("export") {
      guard onnx.hasSuffix(".onnx") else { throw CommandFailure("--onnx must end in .onnx, got '\(onnx)'") }
      let loaded = try LoadedModel(path: model, registry: try Plugins.registry())
      let exporter = ONNXExporter(exports: ONNXExports.builtIn.including(Plugins.all))
      let standardization = loaded.file.standardization
      let (bytes, operators) = try exporter.exportReportingOperators(loaded.network, standardization: standardization)
      try AtomicFile.write(bytes, to: onnx)
      // The widths where they change (activations keep theirs): 4-12-6-3.
      var widths: [Int] = []
      for width in loaded.network.widths where widths.last != width { widths.append(width) }
      let shape = widths.map(String.init).joined(separator: "-")
      print("wrote \(onnx): \(shape) network, operators \(operators.joined(separator: ", "))")
    }
  }
}
