import Foundation
import NNCore
import NNTraining
import Testing

/// The readers of network specifications, component requests and model files on the inputs the fuzz targets keep
/// (`Tests/Fuzz`): every seed is read, every regression fixture (an input that once crashed the reader) is
/// refused with the reader's own error, through the same calls as the target that found it.
@Suite("specification and model readers on the fuzz targets' seeds and regression fixtures")
struct ModelReaderFuzzTests {
  @Test("every network specification seed makes its layers", arguments: FuzzFiles.seeds("network-specification"))
  func networkSpecificationSeedIsRead(_ url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    let layers = try NetworkSpecification.layers(from: text, registry: TestRegistry.shared)
    #expect(layers.count == (try NetworkSpecification.pieces(of: text)).count)
  }

  @Test(
    "every network specification regression fixture is refused",
    arguments: FuzzFiles.regressions("network-specification"))
  func networkSpecificationRegressionIsRefused(_ url: URL) throws {
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    #expect(throws: NetworkSpecificationError.self) {
      try NetworkSpecification.layers(from: text, registry: TestRegistry.shared)
    }
  }

  @Test("every component request seed is parsed", arguments: FuzzFiles.seeds("component-request"))
  func componentRequestSeedIsParsed(_ url: URL) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    let request = try ComponentRequest(parsing: text)
    #expect(text.hasPrefix(request.name))
  }

  @Test(
    "every component request regression fixture is refused by the parser, or made or refused by each kind",
    arguments: FuzzFiles.regressions("component-request"))
  func componentRequestRegressionIsRefused(_ url: URL) throws {
    let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    let request: ComponentRequest
    do { request = try ComponentRequest(parsing: text) } catch {
      #expect(error is ComponentError, "not a component error: \(error)")
      return
    }
    let registry = TestRegistry.shared
    let makers: [(String, () throws -> Any)] = [
      ("activation", { try registry.activation(request) }), ("layer", { try registry.layer(request) }),
      ("loss", { try registry.loss(request) }), ("optimizer", { try registry.optimizer(request) }),
      ("initializer", { try registry.initializer(request) }),
    ]
    for (kind, make) in makers {
      do { _ = try make() } catch { #expect(error is ComponentError, "\(kind): not a component error: \(error)") }
    }
  }

  @Test("every model file seed makes its model", arguments: FuzzFiles.seeds("model-file"))
  func modelFileSeedIsLoaded(_ url: URL) throws {
    let file = try ModelFile(jsonData: try Data(contentsOf: url), source: url.lastPathComponent)
    let model = try LoadedModel(file: file, registry: TestRegistry.shared)
    let outputs = try model.predict(Matrix(rows: 1, columns: model.network.inputWidth))
    #expect(outputs.columns == model.network.outputWidth)
  }

  @Test("every model file regression fixture is refused", arguments: FuzzFiles.regressions("model-file"))
  func modelFileRegressionIsRefused(_ url: URL) throws {
    let data = try Data(contentsOf: url)
    #expect(throws: ModelFileError.self) {
      let file = try ModelFile(jsonData: data, source: url.lastPathComponent)
      _ = try LoadedModel(file: file, registry: TestRegistry.shared)
    }
  }
}
