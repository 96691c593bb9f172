import Foundation
import NNCore
import NNData
import Testing

/// MAT headers that claim more elements than their files can hold or the limit allows: listed without trapping,
/// refused by name before any data is read.
@Suite("MAT size checks")
struct MatSizeCheckTests {
  /// The size of a file in bytes, as the file system reports it.
  static func size(of url: URL) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
  }

  /// A count as people write it, `218,784`, by Foundation's formatter.
  static func grouped(_ value: Int) -> String {
    let formatter = NumberFormatter()
    formatter.locale = Locale(identifier: "en_US")
    formatter.numberStyle = .decimal
    return formatter.string(from: NSNumber(value: value)) ?? ""
  }

  /// A 3 × 4 matrix written as an uncompressed version 5 file, its header then rewritten to claim `rows` ×
  /// `columns`: the dimensions follow the dimensions tag (type 5, miINT32, 8 bytes) as two little-endian 32-bit
  /// integers.
  static func patchedVersion5(rows: UInt32, columns: UInt32, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent("claims.mat")
    try MatFile.write(Matrix(rows: 3, columns: 4, repeating: 1), named: "X", to: url, version: .v5)
    var bytes = [UInt8](try Data(contentsOf: url))
    let original: [UInt8] = [5, 0, 0, 0, 8, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]
    let start = try #require(
      (0...(bytes.count - original.count)).first { Array(bytes[$0..<$0 + original.count]) == original })
    let claimed = [rows, columns].flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    bytes.replaceSubrange((start + 8)..<(start + 16), with: claimed)
    try Data(bytes).write(to: url)
    return url
  }

  /// Every way of reading the variable refuses it with `message`, naming the file and the variable.
  static func expectRefused(_ url: URL, message: String) throws {
    let expected = "\(url.path): variable 'X': \(message)"
    let loading = try #require(throws: DataError.self) { try DataLoader.load(path: url.path) }
    #expect(loading.description == expected)
    let named = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(variable: "X"))
    }
    #expect(named.description == expected)
    let matrix = try #require(throws: DataError.self) { try MatFile(contentsOf: url).matrix(named: "X") }
    #expect(matrix.description == expected)
  }

  @Test(
    "a header whose dimensions multiply past Int is listed and refused, naming the file, the claim and its size",
    arguments: [false, true])
  func overflowingProduct(compressed: Bool) throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url =
      compressed
      ? Fixtures.url("overflow_v7.mat")
      : try Self.patchedVersion5(rows: 3_563_120_328, columns: 3_993_501_732, in: directory)
    let file = try MatFile(contentsOf: url)
    let variable = try file.variable(named: "X")
    #expect(variable.dimensions == [3_563_120_328, 3_993_501_732])
    #expect(variable.elementCount == nil, "3563120328 · 3993501732 > Int.max")
    #expect(!variable.isUsableAsData)
    let size = try Self.size(of: url)
    let message =
      compressed
      ? "claims 3563120328 × 3993501732 elements, more than the file can hold (\(size) compressed bytes, at most "
        + "\(Self.grouped(size * 1032)) inflated)"
      : "claims 3563120328 × 3993501732 elements, more than the file can hold (\(size) bytes)"
    #expect(variable.unusableReason == message)
    let damage = try #require(throws: DataError.self) { try file.requireClaimsWithinFile() }
    #expect(damage == .badVariable(source: url.path, variable: "X", problem: message))
    try Self.expectRefused(url, message: message)
  }

  @Test(
    "dimensions within Int but beyond the file's bytes are refused before libmatio allocates them",
    arguments: [(UInt32(100_000), UInt32(100_000)), (UInt32(Int32.max), UInt32(4))])
  func beyondTheFile(rows: UInt32, columns: UInt32) throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = try Self.patchedVersion5(rows: rows, columns: columns, in: directory)
    let variable = try MatFile(contentsOf: url).variable(named: "X")
    #expect(variable.elementCount == Int(rows) * Int(columns))
    let message = "claims \(rows) × \(columns) elements, more than the file can hold (\(try Self.size(of: url)) bytes)"
    #expect(variable.unusableReason == message)
    try Self.expectRefused(url, message: message)
  }

  @Test("an HDF5 data set never written is bounded by the element limit, not by the file")
  func unwrittenHDF5() throws {
    let url = Fixtures.url("unwritten_v73.mat")
    let message =
      "claims 100000 × 100000 elements, more than the limit of \(DataLoadOptions.defaultMaximumElements) elements; "
      + "raise it with --max-elements (maximumElements)"
    let file = try MatFile(contentsOf: url)
    #expect(try file.variable(named: "X").unusableReason == message)
    try file.requireClaimsWithinFile()
    try Self.expectRefused(url, message: message)
    let raised = try MatFile(contentsOf: url, maximumElements: 100_000 * 100_000)
    #expect(try raised.variable(named: "X").isUsableAsData)
  }

  @Test("the element limit counts rows × columns exactly: 6 × 4 loads within 24, not within 23")
  func elementLimit() throws {
    let url = Fixtures.url("samples_v5.mat")
    let within = try DataLoader.load(path: url.path, options: DataLoadOptions(maximumElements: 24))
    #expect(within.count == 6)
    let error = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(maximumElements: 23))
    }
    #expect(
      error.description
        == "\(url.path): variable 'samples': claims 6 × 4 elements, more than the limit of 23 elements; raise it "
        + "with --max-elements (maximumElements)")
    #expect(try !MatFile(contentsOf: url, maximumElements: 23).variable(named: "samples").isUsableAsData)
  }

  @Test("a version 4 header claiming more than the file holds is refused as damaged, naming the file")
  func version4() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("old.mat")
    try MatFile.write(Matrix(rows: 3, columns: 4, repeating: 1), named: "X", to: url, version: .v4)
    var bytes = [UInt8](try Data(contentsOf: url))
    // Version 4: type, rows and columns as 32-bit integers at the start of the variable's header.
    bytes.replaceSubrange(4..<12, with: [0xA0, 0x86, 0x01, 0x00, 0xA0, 0x86, 0x01, 0x00])
    try Data(bytes).write(to: url)
    let error = try #require(throws: DataError.self) { try MatFile(contentsOf: url) }
    guard case .invalidContent(let source, _) = error else {
      Issue.record("expected invalid content, got \(error)")
      return
    }
    #expect(source == url.path)
  }

  @Test("a limit below 1 is an invalid argument", arguments: [0, -1])
  func invalidLimit(_ limit: Int) throws {
    let url = Fixtures.url("samples_v5.mat")
    let error = try #require(throws: DataError.self) {
      try DataLoader.load(path: url.path, options: DataLoadOptions(maximumElements: limit))
    }
    #expect(error == .invalidArgument(name: "maximumElements", problem: "must be at least 1, got \(limit)"))
    let text = try #require(throws: DataError.self) {
      try CSVLoader.parse("1,a\n", source: "t.csv", options: DataLoadOptions(maximumLineLength: limit))
    }
    #expect(text == .invalidArgument(name: "maximumLineLength", problem: "must be at least 1, got \(limit)"))
  }
}
