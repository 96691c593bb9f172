import Foundation
import FuzzSupport
import NNCore
import NNTraining

/// Reads the input as a model file (`nn eval`, `predict`, `train --resume`) strictly, makes its model through
/// the `nn` tool's registry and, for a narrow network, predicts one sample of zeros. Thrown errors are clean
/// outcomes; only crashes, sanitizer reports, leaks and time-outs are findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let data = Data(FuzzInput.bytes(start, count))
  guard let file = try? ModelFile(jsonData: data, source: "input.json") else { return 0 }
  guard let model = try? LoadedModel(file: file, registry: fuzzRegistry) else { return 0 }
  let width = model.network.inputWidth
  if width <= 1024 {
    _ = try? model.predict(Matrix(rows: 1, columns: width))
  }
  return 0
}
