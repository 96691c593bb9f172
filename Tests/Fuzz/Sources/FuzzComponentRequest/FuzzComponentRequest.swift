import FuzzSupport
import NNCore

/// Parses the input as a component request (`leaky_relu(negative_slope=0.1)`, as every component flag takes
/// one), then asks the `nn` tool's registry for it as each kind of component, which checks its arguments.
/// Thrown errors are clean outcomes; only crashes, sanitizer reports, leaks and time-outs are findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let text = FuzzInput.argumentText(FuzzInput.bytes(start, count))
  guard let request = try? ComponentRequest(parsing: text) else { return 0 }
  _ = try? fuzzRegistry.activation(request)
  _ = try? fuzzRegistry.layer(request)
  _ = try? fuzzRegistry.loss(request)
  _ = try? fuzzRegistry.optimizer(request)
  _ = try? fuzzRegistry.initializer(request)
  return 0
}
