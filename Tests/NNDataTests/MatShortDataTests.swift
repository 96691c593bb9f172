import Foundation
import NNCore
import Testing

@testable import NNData

/// Variables whose data element holds fewer bytes than their dimensions need, which libmatio would read with the
/// rest zero-filled: listed as damaged with the claim and the bytes there are, and refused by every way of reading
/// them, whatever the file's size.
@Suite("MAT data shorter than its dimensions")
struct MatShortDataTests {
  /// `needed = rows · columns · size of the stored type`, in words: `80 bytes`.
  static func bytes(_ count: Int) -> String { "\(MatSizeCheckTests.grouped(count)) bytes" }

  /// Every way of reading `name` refuses it with `problem`, and the listing gives it as the reason.
  static func expectRefused(_ url: URL, variable name: String, problem: String) throws {
    let file = try MatFile(contentsOf: url)
    let info = try file.variable(named: name)
    #expect(info.unusableReason == problem)
    let expected = DataError.badVariable(source: url.path, variable: name, problem: problem)
    #expect(throws: expected) { try file.requireClaimsWithinFile() }
    #expect(throws: expected) { try file.matrix(named: name) }
    #expect(throws: expected) { try DataLoader.load(path: url.path, options: DataLoadOptions(variable: name)) }
  }

  /// A variable whose data is short, beside `X`, which is sound (the file is larger than the short variable's
  /// claim, so only its data element says that it is short).
  enum ShortVariable: String, CaseIterable, Sendable {
    /// A 2 × 40 logical variable holding 6 of its 80 bytes.
    case logical
    /// A compressed 2 × 3 double variable holding one of its six values.
    case compressed
    /// A 4 × 4 int8 variable holding 3 of its 16 bytes, in a small element.
    case int8

    /// The file: the short variable, then `X`.
    func bytes(_ builder: MatFileBuilder) throws -> [UInt8] {
      let variable: [UInt8]
      switch self {
      case .logical:
        variable = builder.array(
          class: 9, dimensions: [2, 40], name: "mask", contents: builder.element(2, [1, 0, 1, 0, 1, 0]),
          logical: true)
      case .compressed:
        variable = try builder.compressed(builder.doubles("Y", rows: 2, columns: 3, values: [1]))
      case .int8:
        variable = builder.array(class: 8, dimensions: [4, 4], name: "A", contents: builder.small(1, [1, 2, 3]))
      }
      return builder.file(variable, MatStructureCheckTests.matrixX(builder))
    }

    /// The short variable's name and its problem; its data element is at byte 184 (inflated byte 56 of a
    /// compressed one: tag 0–7, flags 8–23, dimensions 24–39, name 40–55).
    var expected: (variable: String, problem: String) {
      switch self {
      case .logical:
        return (
          "mask",
          "damaged: claims 2 × 40 logical elements (\(MatShortDataTests.bytes(80)) as miUINT8), but its real part at "
            + "byte 184 holds \(MatShortDataTests.bytes(6))"
        )
      case .compressed:
        return (
          "Y",
          "damaged: claims 2 × 3 double elements (\(MatShortDataTests.bytes(48)) as miDOUBLE), but its real part at "
            + "inflated byte 56 of the compressed element at byte 128 holds \(MatShortDataTests.bytes(8))"
        )
      case .int8:
        return (
          "A",
          "damaged: claims 4 × 4 int8 elements (\(MatShortDataTests.bytes(16)) as miINT8), but its real part at byte "
            + "184 holds \(MatShortDataTests.bytes(3))"
        )
      }
    }
  }

  @Test(
    "a variable whose data holds fewer bytes than its dimensions need is damaged in both byte orders; others are read",
    arguments: ShortVariable.allCases, [false, true])
  func shortVariable(_ variable: ShortVariable, isBigEndian: Bool) throws {
    let builder = MatFileBuilder(isBigEndian: isBigEndian)
    try MatStructureCheckTests.withFile(try variable.bytes(builder)) { url in
      try Self.expectRefused(url, variable: variable.expected.variable, problem: variable.expected.problem)
      #expect(try MatFile(contentsOf: url).matrix(named: "X") == Matrix([[1, 3, 5], [2, 4, 6]]))
    }
  }

  @Test("a complex variable's short imaginary part is found after its whole real part")
  func shortImaginaryPart() throws {
    let builder = MatFileBuilder()
    let bytes = builder.file(
      builder.array(
        class: 6, dimensions: [2, 3], name: "Z",
        contents: builder.doubleData([1, 2, 3, 4, 5, 6]) + builder.doubleData([1]), complex: true))
    try MatStructureCheckTests.withFile(bytes) { url in
      // The real part takes 8 + 48 bytes from 184; the imaginary part starts at 240.
      let report = try MatStructureCheck.check(url, maximumElements: DataLoadOptions.defaultMaximumElements)
      #expect(
        report.dataProblems
          == [
            0:
              "claims 2 × 3 double elements (\(Self.bytes(48)) as miDOUBLE), but its imaginary part at byte 240 "
              + "holds 8 bytes"
          ])
      // Complex numbers are no data anyway: the listing gives that reason first.
      let info = try MatFile(contentsOf: url).variable(named: "Z")
      #expect(info.unusableReason == "complex numbers; only real numbers can be data")
    }
  }

  @Test("a file changed after it was listed is checked again before a variable is read")
  func changedAfterListing() throws {
    let builder = MatFileBuilder()
    try MatStructureCheckTests.withFile(builder.file(MatStructureCheckTests.matrixX(builder))) { url in
      let file = try MatFile(contentsOf: url)
      #expect(try file.matrix(named: "X") == Matrix([[1, 3, 5], [2, 4, 6]]))
      // The same variable, its data now one double and a padding word short of what it claims.
      try Data(builder.file(builder.doubles("X", rows: 2, columns: 3, values: [1]))).write(to: url)
      #expect(
        throws: DataError.badVariable(
          source: url.path, variable: "X",
          problem: "damaged: claims 2 × 3 double elements (\(Self.bytes(48)) as miDOUBLE), but its real part at byte "
            + "184 holds 8 bytes")
      ) { try file.matrix(named: "X") }
      try Data(builder.file(builder.element(14, [], claiming: 4096))).write(to: url)
      #expect(
        throws: DataError.invalidContent(
          source: url.path,
          problem: "damaged: the element at byte 128 claims 4,096 bytes, but the file has 0 bytes left")
      ) { try file.matrix(named: "X") }
    }
  }

  @Test("a claim beyond the file is reported as before, ahead of the short data")
  func claimBeyondFileComesFirst() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = try MatSizeCheckTests.patchedVersion5(rows: 100_000, columns: 100_000, in: directory)
    let report = try MatStructureCheck.check(url, maximumElements: DataLoadOptions.defaultMaximumElements)
    #expect(report.dataProblems[0]?.hasPrefix("claims 100000 × 100000 double elements") == true)
    let size = try MatSizeCheckTests.size(of: url)
    #expect(
      try MatFile(contentsOf: url).variable(named: "X").unusableReason
        == "claims 100000 × 100000 elements, more than the file can hold (\(size) bytes)")
  }
}
