import FuzzSupport
import NNData

/// Parses the input as a UCI iris-format file (four numbers and a class name a line), as `--format iris` does,
/// then keeps two of its classes. Thrown errors are clean outcomes; only crashes, sanitizer reports, leaks and
/// time-outs are findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  guard let text = FuzzInput.fileText(FuzzInput.bytes(start, count)) else { return 0 }
  guard let dataset = try? IrisLoader.parse(text, source: "input.data") else { return 0 }
  _ = try? dataset.selectingClasses(Array(dataset.classNames.prefix(2)))
  return 0
}
