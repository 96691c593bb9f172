import Foundation
import NNCore
import Testing

@testable import NNData

/// The structure check of version 5 and 7 MAT files, on files built byte by byte (``MatFileBuilder``): a sound file
/// passes and loads in both byte orders, and every kind of false claim is refused, naming the file, the variable
/// where it is known, the byte where the claim is made and the size claimed.
///
/// The expected offsets follow from the layout: the file header takes bytes 0–127; a variable's tag is at 128, its
/// flags element at 136 (16 bytes), its dimensions at 152 (16 bytes for two), its name at 168 (16 bytes for a name
/// of 1 to 8 characters), its contents from 184.
@Suite("MAT structure check")
struct MatStructureCheckTests {
  /// `X`, a 2 × 3 double matrix holding 1…6 column by column: 112 bytes, the file 240.
  static func matrixX(_ builder: MatFileBuilder) -> [UInt8] {
    builder.doubles("X", rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
  }

  /// The contents of `X` after its tag: flags, dimensions, name, data (104 bytes).
  static func contentsOfX(_ builder: MatFileBuilder) -> [UInt8] {
    Array(matrixX(builder).dropFirst(8))
  }

  /// Writes `bytes` into a new folder and runs `body` on the file.
  static func withFile(_ bytes: [UInt8], _ body: (URL) throws -> Void) throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(try MatFileBuilder.write(bytes, named: "built.mat", in: directory))
  }

  @Test("a sound file of every kind of array passes and loads the same in both byte orders", arguments: [false, true])
  func soundFile(isBigEndian: Bool) throws {
    let builder = MatFileBuilder(isBigEndian: isBigEndian)
    let cell = builder.array(
      class: 1, dimensions: [1, 2], name: "C",
      contents: builder.doubles(rows: 1, columns: 1, values: [9]) + builder.element(14, []))
    let structure = builder.array(
      class: 2, dimensions: [1, 1], name: "S",
      contents: builder.fieldNames(["a", "b"]) + builder.doubles(rows: 1, columns: 1, values: [1])
        + builder.array(
          class: 4, dimensions: [1, 2], contents: builder.element(4, [104, 105].flatMap(builder.number))))
    let sparse = builder.array(
      class: 5, dimensions: [2, 2], name: "P",
      contents: builder.element(5, [0, 1].flatMap { builder.number(Int32($0)) })
        + builder.element(5, [0, 1, 2].flatMap { builder.number(Int32($0)) }) + builder.doubleData([1, 1]))
    let bytes = builder.file(
      Self.matrixX(builder),
      builder.array(class: 9, dimensions: [1, 2], name: "L", contents: builder.small(2, [1, 0]), logical: true),
      builder.array(class: 8, dimensions: [1, 1], name: "I", contents: builder.small(1, [0xFB])),
      cell, structure, sparse,
      try builder.compressed(builder.doubles("Z", rows: 1, columns: 2, values: [7, 8])))
    try Self.withFile(bytes) { url in
      let report = try MatStructureCheck.check(url, maximumElements: DataLoadOptions.defaultMaximumElements)
      #expect(report.variableNames == ["X", "L", "I", "C", "S", "P", "Z"])
      #expect(report.dataProblems.isEmpty)
      let file = try MatFile(contentsOf: url)
      #expect(file.version == .v7)
      #expect(file.variables.map(\.name) == ["X", "L", "I", "C", "S", "P", "Z"])
      try file.requireClaimsWithinFile()
      #expect(try file.matrix(named: "X") == Matrix([[1, 3, 5], [2, 4, 6]]))
      #expect(try file.matrix(named: "L") == Matrix([[1, 0]]))
      #expect(try file.matrix(named: "I") == Matrix([[-5]]))
      #expect(try file.matrix(named: "Z") == Matrix([[7, 8]]))
    }
  }

  /// A false claim, the file that makes it, and the refusal it must meet.
  enum Lie: String, CaseIterable, Sendable {
    case elementBeyondFile, nameBeyondArray, dimensionsOfWrongType, tooManyDimensions, smallFlags, textAsNumbers
    case cellBeyondBytes, nestedShortData, longFieldNameLength, fieldNamesNotMultiple, fieldsBeyondBytes
    case namedField, nestedTooDeep, strayBytes, numbersAtTopLevel
    case compressedBeyondBound, compressedCut, compressedCorrupt, compressedNotArray, compressedEndsEarly

    /// The file.
    func bytes(_ builder: MatFileBuilder) throws -> [UInt8] {
      let b = builder
      let header = b.flags(class: 6) + b.dimensions([2, 3]) + b.name("X")
      let data = b.doubleData([1, 2, 3, 4, 5, 6])
      switch self {
      case .elementBeyondFile:
        return b.file(b.element(14, MatStructureCheckTests.contentsOfX(b), claiming: 2000))
      case .nameBeyondArray:
        return b.file(
          b.element(14, b.flags(class: 6) + b.dimensions([2, 3]) + b.element(1, [88], claiming: 0xffff_7f00) + data))
      case .dimensionsOfWrongType:
        return b.file(b.element(14, b.flags(class: 6) + b.element(6, b.word(2) + b.word(3)) + b.name("X") + data))
      case .tooManyDimensions:
        let dimensions = [UInt32](repeating: 1, count: 65)
        return b.file(b.array(class: 6, dimensions: dimensions, name: "X", contents: b.doubleData([1])))
      case .smallFlags:
        return b.file(b.element(14, b.small(6, b.word(6)) + b.dimensions([2, 3]) + b.name("X") + data))
      case .textAsNumbers:
        return b.file(b.element(14, header + b.element(16, [UInt8](repeating: 65, count: 48))))
      case .cellBeyondBytes:
        return b.file(b.array(class: 1, dimensions: [1000, 1000], name: "C", contents: b.element(14, [])))
      case .nestedShortData:
        return b.file(
          b.array(class: 1, dimensions: [1, 1], name: "C", contents: b.doubles(rows: 2, columns: 2, values: [1])))
      case .longFieldNameLength:
        return b.file(
          b.array(
            class: 2, dimensions: [1, 1], name: "S",
            contents: b.element(5, b.word(8)) + b.element(1, Array("a".utf8) + [0, 0, 0, 0, 0, 0, 0])
              + b.doubles(rows: 1, columns: 1, values: [1])))
      case .fieldNamesNotMultiple:
        return b.file(
          b.array(
            class: 2, dimensions: [1, 1], name: "S",
            contents: b.small(5, b.word(8)) + b.element(1, [UInt8](repeating: 97, count: 12))
              + b.doubles(rows: 1, columns: 1, values: [1])))
      case .fieldsBeyondBytes:
        return b.file(
          b.array(
            class: 2, dimensions: [1000, 1], name: "S",
            contents: b.fieldNames(["a", "b"]) + b.element(14, []) + b.element(14, [])))
      case .namedField:
        return b.file(
          b.array(
            class: 2, dimensions: [1, 1], name: "S",
            contents: b.fieldNames(["a"]) + b.doubles("a", rows: 1, columns: 1, values: [1])))
      case .nestedTooDeep:
        var array = b.doubles(rows: 1, columns: 1, values: [1])
        for level in (1...32).reversed() {
          array = b.array(class: 1, dimensions: [1, 1], name: level == 1 ? "C" : "", contents: array)
        }
        return b.file(array)
      case .strayBytes:
        return b.file(MatStructureCheckTests.matrixX(b), [1, 2, 3])
      case .numbersAtTopLevel:
        return b.file(b.doubleData([1]))
      case .compressedBeyondBound:
        let inner = b.element(14, MatStructureCheckTests.contentsOfX(b), claiming: 10_000_000)
        return b.file(try b.compressed(inner))
      case .compressedCut:
        let stream = try MatFileBuilder.deflate(MatStructureCheckTests.matrixX(b))
        return b.file(b.element(15, Array(stream.prefix(3)), padded: false))
      case .compressedCorrupt:
        var stream = try MatFileBuilder.deflate(MatStructureCheckTests.matrixX(b))
        stream[0] = 0
        return b.file(b.element(15, stream, padded: false))
      case .compressedNotArray:
        return b.file(try b.compressed(b.doubleData([1, 2])))
      case .compressedEndsEarly:
        let contents = b.flags(class: 1) + b.dimensions([1, 2]) + b.name("C") + b.element(14, [])
        return b.file(try b.compressed(b.element(14, contents, claiming: contents.count + 64)))
      }
    }

    /// The refusal, computed from the layout of ``bytes(_:)``.
    func expected(path: String, builder: MatFileBuilder) throws -> DataError {
      func damaged(_ problem: String) -> DataError { .invalidContent(source: path, problem: "damaged: \(problem)") }
      func damaged(_ variable: String, _ problem: String) -> DataError {
        .badVariable(source: path, variable: variable, problem: "damaged: \(problem)")
      }
      let contiguity = "expected miINT32, 4 bytes for each of at most 64 dimensions"
      switch self {
      case .elementBeyondFile:
        return damaged("the element at byte 128 claims 2,000 bytes, but the file has 104 bytes left")
      case .nameBeyondArray:
        // The array ends at 136 + 104 = 240; the name's data would start at 176.
        return damaged(
          "the name element at byte 168 claims 4,294,934,272 bytes, but the array at byte 128 has 64 bytes left")
      case .dimensionsOfWrongType:
        return damaged("the dimensions element at byte 152 is 8 bytes of miUINT32; \(contiguity)")
      case .tooManyDimensions:
        return damaged("the dimensions element at byte 152 is 260 bytes of miINT32; \(contiguity)")
      case .smallFlags:
        return damaged(
          "the array flags element at byte 136 is a small element of 4 bytes of miUINT32; expected 8 bytes of miUINT32")
      case .textAsNumbers:
        return damaged("X", "the real part element at byte 184 is 48 bytes of miUTF8; expected numbers")
      case .cellBeyondBytes:
        return damaged(
          "C",
          "the array at byte 128 claims 1000 × 1000 cell elements, 1,000,000 nested arrays, but what is left of it "
            + "(8 bytes) holds at most 1"
        )
      case .nestedShortData:
        // The cell's element: tag at 184, flags at 192, dimensions at 208, empty name at 224, real part at 232.
        return damaged(
          "C",
          "cell element 1 (the array at byte 184) claims 2 × 2 double elements (32 bytes as miDOUBLE), but its real "
            + "part at byte 232 holds 8 bytes"
        )
      case .longFieldNameLength:
        return damaged(
          "S",
          "the field-name length element at byte 184 is 4 bytes of miINT32; expected a small miINT32 element of 4 "
            + "bytes holding a length of at least 1"
        )
      case .fieldNamesNotMultiple:
        return damaged(
          "S",
          "the field names element at byte 192 is 12 bytes of miINT8; expected miINT8 names of 8 bytes each, within "
            + "the array at byte 128"
        )
      case .fieldsBeyondBytes:
        // Field names: length at 184, names at 192 (16 bytes); the two empty fields take 16 bytes.
        return damaged(
          "S",
          "the array at byte 128 claims 1000 × 1 struct elements, 2,000 nested arrays, but what is left of it (16 "
            + "bytes) holds at most 2"
        )
      case .namedField:
        // The field's array: tag at 208, flags at 216, dimensions at 232, name at 248.
        return damaged(
          "S", "the name element at byte 248 of a struct field claims 1 byte; a field's name element must be empty")
      case .nestedTooDeep:
        // Each nested cell takes 48 bytes of header: the second at 184, the 32nd at 184 + 30 · 48.
        return damaged("C", "cell element 1 (the array at byte 1624) nests arrays deeper than 32 levels")
      case .strayBytes:
        return damaged("the element at byte 240 needs an 8-byte tag, but the file has 3 bytes left")
      case .numbersAtTopLevel:
        return damaged(
          "the element at byte 128 is 8 bytes of miDOUBLE; expected a variable, miMATRIX (14) or miCOMPRESSED (15)")
      case .compressedBeyondBound:
        let inner = builder.element(14, MatStructureCheckTests.contentsOfX(builder), claiming: 10_000_000)
        let count = try MatFileBuilder.deflate(inner).count
        return damaged(
          "the compressed element at byte 128 claims an array of 10,000,000 bytes, but its \(count) bytes inflate to "
            + "at most \(MatSizeCheckTests.grouped(count * 1032)) bytes"
        )
      case .compressedCut:
        return damaged("the compressed element at byte 128 ends after its 3 bytes, before its zlib stream does")
      case .compressedCorrupt:
        return damaged("the compressed element at byte 128 cannot be inflated: zlib reports incorrect header check")
      case .compressedNotArray:
        return damaged("the compressed element at byte 128 holds 16 bytes of miDOUBLE; expected an array (miMATRIX)")
      case .compressedEndsEarly:
        // The array inflates to its tag (8) and 56 bytes of contents; the second cell element's tag is missing.
        return damaged(
          "C",
          "the data inflated from the compressed element at byte 128 ends after 64 bytes, before the 72 its content "
            + "needs"
        )
      }
    }
  }

  @Test(
    "each kind of false claim is refused before libmatio reads the file, in both byte orders",
    arguments: Lie.allCases, [false, true])
  func lieIsRefused(_ lie: Lie, isBigEndian: Bool) throws {
    let builder = MatFileBuilder(isBigEndian: isBigEndian)
    try Self.withFile(try lie.bytes(builder)) { url in
      let expected = try lie.expected(path: url.path, builder: builder)
      #expect(throws: expected) { try MatFile(contentsOf: url) }
      #expect(throws: expected) { try DataLoader.load(path: url.path) }
    }
  }
}
