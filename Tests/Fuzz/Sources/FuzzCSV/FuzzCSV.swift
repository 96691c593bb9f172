import FuzzSupport
import NNData

/// The ways the target reads each input: as detected, with the label first and a header, and as regression.
private let optionSets: [DataLoadOptions] = [
  DataLoadOptions(),
  DataLoadOptions(labelColumn: .index(0), hasHeader: true, targetKind: .classification),
  DataLoadOptions(labelColumn: .name("label"), delimiter: .semicolon, targetKind: .regression),
]

/// Parses the input as a CSV file three ways (see `optionSets`), as `nn train --data FILE.csv` does with its
/// flags. Thrown errors are clean outcomes; only crashes, sanitizer reports, leaks and time-outs are findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  guard let text = FuzzInput.fileText(FuzzInput.bytes(start, count)) else { return 0 }
  for options in optionSets {
    _ = try? CSVLoader.parse(text, source: "input.csv", options: options)
  }
  return 0
}
