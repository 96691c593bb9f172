import FuzzSupport
import NNTraining

/// Parses the input as a network specification (`nn train --network`) and makes its layers through the `nn`
/// tool's registry. Thrown errors are clean outcomes; only crashes, sanitizer reports, leaks and time-outs are
/// findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let text = FuzzInput.argumentText(FuzzInput.bytes(start, count))
  _ = try? NetworkSpecification.layers(from: text, registry: fuzzRegistry)
  return 0
}
