import Foundation
import FuzzSupport
import NNData

/// The input's scratch copy: libmatio reads files, not memory.
private let scratch: ScratchFile = {
  let file = ScratchFile(pathExtension: "mat")
  atexit { ScratchFile(pathExtension: "mat").remove() }
  return file
}()

/// Reads the input as a MAT file (any version), the way `nn train --data FILE.mat` does, then reads every variable
/// the file lists as data. Thrown errors are clean outcomes; only crashes, sanitizer reports, leaks and time-outs
/// are findings.
///
/// - Parameters:
///   - start: The input's first byte.
///   - count: The input's length.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  guard let url = try? scratch.write(FuzzInput.bytes(start, count)) else { return 0 }
  _ = try? DataLoader.load(contentsOf: url)
  if let file = try? MatFile(contentsOf: url) {
    for variable in file.usableVariables {
      _ = try? file.matrix(named: variable.name)
    }
  }
  return 0
}
