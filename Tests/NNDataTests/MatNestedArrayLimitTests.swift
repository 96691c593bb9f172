import Foundation
import NNCore
import Testing

@testable import NNData

/// The count of a file's nested arrays against the element limit: libmatio keeps about 115 bytes for every cell
/// element or struct field it lists, whatever the file's size, so each counts as 16 elements.
@Suite("MAT nested-array limit")
struct MatNestedArrayLimitTests {
  /// A file with a variable `X` and a cell array `C` of `cells` empty elements, plain or compressed.
  private func file(cells: Int, compressed: Bool) throws -> [UInt8] {
    let builder = MatFileBuilder(isBigEndian: false)
    let contents = (0..<cells).flatMap { _ in builder.element(14, []) }
    let cell = builder.array(class: 1, dimensions: [1, UInt32(cells)], name: "C", contents: contents)
    return builder.file(
      builder.doubles("X", rows: 1, columns: 2, values: [1, 2]), compressed ? try builder.compressed(cell) : cell)
  }

  @Test("up to a sixteenth of the element limit in nested arrays is read", arguments: [false, true])
  func withinLimit(compressed: Bool) throws {
    try MatStructureCheckTests.withFile(try file(cells: 10, compressed: compressed)) { url in
      let matrices = try MatFile(contentsOf: url, maximumElements: 160)
      #expect(matrices.variables.map(\.name) == ["X", "C"])
      #expect(try matrices.matrix(named: "X") == Matrix([[1, 2]]))
    }
  }

  @Test("one more is refused before libmatio lists the file, naming the limit and the flag", arguments: [false, true])
  func beyondLimit(compressed: Bool) throws {
    try MatStructureCheckTests.withFile(try file(cells: 11, compressed: compressed)) { url in
      #expect(
        throws: DataError.invalidContent(
          source: url.relativePath,
          problem:
            "the file holds more than 10 nested arrays (cell elements and struct fields, each counted as 16 elements: "
            + "libmatio keeps about 115 bytes for each), more than the limit of 160 elements; raise it with "
            + "--max-elements (maximumElements)")
      ) { try MatFile(contentsOf: url, maximumElements: 160) }
      // The default limit reads it.
      #expect((try? MatFile(contentsOf: url))?.variables.count == 2)
    }
  }
}
