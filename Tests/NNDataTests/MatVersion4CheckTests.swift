import Foundation
import NNCore
import Testing

@testable import NNData

/// The structure check of version 4 MAT files, built byte by byte: a 20-byte header per variable (type MOPT, rows,
/// columns, imaginary flag, name length with its terminating zero), the name, the data column by column.
@Suite("MAT version 4 structure check")
struct MatVersion4CheckTests {
  /// A version 4 variable of doubles (P = 0) in the given byte order (M = 0 little-endian, 1 big-endian).
  static func variable(
    _ name: String, rows: Int32, columns: Int32, values: [Double], isBigEndian: Bool = false, nameLength: Int32? = nil,
    type: Int32? = nil
  ) -> [UInt8] {
    let builder = MatFileBuilder(isBigEndian: isBigEndian)
    let nameBytes = Array(name.utf8) + [0]
    let header: [Int32] = [type ?? (isBigEndian ? 1000 : 0), rows, columns, 0, nameLength ?? Int32(nameBytes.count)]
    return header.flatMap { builder.number($0) } + nameBytes + values.flatMap { builder.number($0.bitPattern) }
  }

  @Test("a sound file loads in both byte orders", arguments: [false, true])
  func soundFile(isBigEndian: Bool) throws {
    let bytes =
      Self.variable("x", rows: 2, columns: 2, values: [1, 2, 3, 4], isBigEndian: isBigEndian)
      + Self.variable("labels", rows: 2, columns: 1, values: [0, 1], isBigEndian: isBigEndian)
    try MatStructureCheckTests.withFile(bytes) { url in
      let report = try MatStructureCheck.check(url, maximumElements: DataLoadOptions.defaultMaximumElements)
      #expect(report.variableNames.isEmpty && report.dataProblems.isEmpty)
      let file = try MatFile(contentsOf: url)
      #expect(file.version == .v4)
      #expect(try file.matrix(named: "x") == Matrix([[1, 3], [2, 4]]))
      #expect(try file.matrix(named: "labels") == Matrix([[0], [1]]))
    }
  }

  @Test("headers that claim more than the file holds, or that libmatio cannot read, are refused with the claim")
  func lies() throws {
    let sound = Self.variable("x", rows: 2, columns: 2, values: [1, 2, 3, 4])  // 20 + 2 + 32 bytes
    let cases: [(bytes: [UInt8], problem: String)] = [
      (
        Self.variable("x", rows: 2, columns: 2, values: [1, 2, 3, 4], nameLength: 1_000_000),
        "damaged: the version 4 variable at byte 0 claims a name of 1,000,000 bytes, but the file has 34 bytes left"
      ),
      (
        Self.variable("x", rows: -1, columns: 2, values: [1, 2]),
        "damaged: the version 4 variable 'x' at byte 0 claims -1 × 2 elements; sizes cannot be negative"
      ),
      (
        Self.variable("x", rows: 100, columns: 2, values: [1, 2, 3, 4]),
        "damaged: the version 4 variable 'x' at byte 0 claims 100 × 2 elements (1,600 bytes), but the file has 32 "
          + "bytes left after its name"
      ),
      (
        sound + Self.variable("y", rows: 1, columns: 1, values: [1], type: 9999),
        "damaged: the version 4 variable header at byte 54 has type 9999; expected MOPT with M 0 or 1, O 0, P 0 to 5 "
          + "and T 0 to 2"
      ),
      (
        sound + [1, 2, 3],
        "damaged: the version 4 variable header at byte 54 needs 20 bytes, but the file has 3 bytes left"
      ),
      (
        Array("not a MAT file at all, but text".utf8),
        "not a MAT file: its first bytes are no version 5 or 7.3 header and no version 4 variable header "
          + "(type 544501614)"
      ),
      (
        Array("tiny".utf8),
        "not a MAT file: it has 4 bytes, too few for a version 4 header (20) and no version 5 or 7.3 header"
      ),
    ]
    for (bytes, problem) in cases {
      try MatStructureCheckTests.withFile(bytes) { url in
        #expect(throws: DataError.invalidContent(source: url.path, problem: problem)) { try MatFile(contentsOf: url) }
      }
    }
  }
}
