import Foundation
import NNCore
import NNData
import Testing

@Suite("MAT reading")
struct MatReadingTests {
  /// The `samples` matrix every versioned fixture holds: entry (i, j) = 10·i + j + 0.5, label i mod 2.
  static let samples: Matrix = {
    var matrix = Matrix(rows: 6, columns: 4)
    for row in 0..<6 {
      for column in 0..<3 { matrix[row, column] = Double(10 * row + column) + 0.5 }
      matrix[row, 3] = Double(row % 2)
    }
    return matrix
  }()

  @Test(
    "every version reads the same row-major matrix",
    arguments: [
      ("samples_v4.mat", MatVersion.v4), ("samples_v5.mat", .v5), ("samples_v7.mat", .v7),
      ("samples_v73.mat", .v73),
    ])
  func versions(_ name: String, _ version: MatVersion) throws {
    let file = try MatFile(contentsOf: Fixtures.url(name))
    #expect(file.version == version)
    let info = try file.variable(named: "samples")
    #expect(info.matlabClass == .double)
    #expect(info.dimensions == [6, 4])
    #expect(info.isUsableAsData)
    #expect(try file.matrix(named: "samples") == Self.samples)
  }

  @Test("a non-square matrix keeps its rows: MATLAB's column-major storage is converted")
  func columnMajor() throws {
    let file = try MatFile(contentsOf: Fixtures.url("known.mat"))
    let known = try file.matrix(named: "known")
    #expect(known.shape == (2, 3))
    #expect(known == Matrix([[1, 2, 3], [4, 5, 6]]))
  }

  @Test("single precision stays float32; every integer class and logical convert to Double")
  func numericClasses() throws {
    let single = try MatFile(contentsOf: Fixtures.url("single.mat"))
    #expect(try single.variable(named: "features").matlabClass == .single)
    let features = Matrix(rows: 4, columns: 2, elements: [Float(1.5), -2, 0.25, 4, 3, 0, -1, 8.5])
    #expect(try single.matrix(named: "features") == features)
    let labels = try single.matrix(named: "labels")
    #expect(labels.elements == [5, 3, 9, 5] && labels.columns == 1)

    let integers = try MatFile(contentsOf: Fixtures.url("integers.mat"))
    let classes: [MatClass] = [.int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64]
    for matlabClass in classes {
      let info = try integers.variable(named: matlabClass.rawValue)
      #expect(info.matlabClass == matlabClass)
      #expect(try integers.matrix(named: matlabClass.rawValue) == Matrix([[1, 2, 3], [4, 5, 6]]))
    }
    #expect(try integers.variable(named: "mask").matlabClass == .logical)
    #expect(try integers.matrix(named: "mask") == Matrix([[1, 0, 1], [0, 1, 0]]))
  }

  @Test("v7.3 (HDF5) reads integer variables")
  func hdf5Integers() throws {
    let file = try MatFile(contentsOf: Fixtures.url("samples_v73.mat"))
    #expect(try file.variable(named: "labels").matlabClass == .int32)
    #expect(try file.matrix(named: "labels") == Matrix([[0], [1], [2], [0], [1], [2]]))
  }

  @Test("strings, structs, cells, sparse and 3-D arrays are listed but not usable")
  func listing() throws {
    let file = try MatFile(contentsOf: Fixtures.url("mixed.mat"))
    let byName = Dictionary(uniqueKeysWithValues: file.variables.map { ($0.name, $0) })
    #expect(file.variables.map(\.name) == ["samples", "note", "info", "cells", "sparse", "scalar", "volume"])
    #expect(byName["note"]?.matlabClass == .char)
    #expect(byName["info"]?.matlabClass == .struct)
    #expect(byName["cells"]?.matlabClass == .cell)
    #expect(byName["sparse"]?.matlabClass == .sparse)
    #expect(byName["volume"]?.dimensions == [2, 2, 2])
    #expect(file.usableVariables.map(\.name) == ["samples", "scalar"])
    for name in ["note", "info", "cells", "sparse", "volume"] {
      #expect(byName[name]?.isUsableAsData == false, "\(name)")
      let error = try #require(throws: DataError.self) { try file.matrix(named: name) }
      guard case .badVariable(_, let variable, let problem) = error else {
        Issue.record("expected badVariable, got \(error)")
        continue
      }
      #expect(variable == name)
      #expect(problem.hasPrefix("cannot be used as data: it is "))
    }
  }

  @Test("a missing variable names the file and the variables, with a suggestion")
  func missingVariable() throws {
    let file = try MatFile(contentsOf: Fixtures.url("mixed.mat"))
    let error = try #require(throws: DataError.self) { try file.matrix(named: "sample") }
    #expect(error.description.contains("mixed.mat: variable 'sample': no such variable (did you mean 'samples'?)"))
    #expect(error.description.contains("variables: samples, note"))
  }

  @Test("missing, empty, non-MAT, truncated and corrupted files are errors, not crashes")
  func badFiles() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("missing.mat")
    #expect(throws: DataError.missingFile(path: missing.path)) { try MatFile(contentsOf: missing) }

    let empty = directory.appendingPathComponent("empty.mat")
    try Data().write(to: empty)
    #expect(throws: DataError.invalidContent(source: empty.path, problem: "the file is empty; expected a MAT file")) {
      try MatFile(contentsOf: empty)
    }
    let text = directory.appendingPathComponent("text.mat")
    try Data("x,y,label\n1,2,0\n".utf8).write(to: text)
    #expect(throws: DataError.self) { try MatFile(contentsOf: text) }

    for fixture in ["samples_v5.mat", "samples_v7.mat", "samples_v73.mat"] {
      let whole = try Data(contentsOf: Fixtures.url(fixture))
      for length in [40, 130, whole.count / 2, whole.count - 8] {
        let cut = directory.appendingPathComponent("cut-\(length)-\(fixture)")
        try whole.prefix(length).write(to: cut)
        #expect(throws: DataError.self, "\(fixture) cut to \(length) bytes") {
          let file = try MatFile(contentsOf: cut)
          _ = try file.matrix(named: "samples")
        }
      }
      var corrupted = whole
      for index in stride(from: 128, to: corrupted.count, by: 7) { corrupted[index] ^= 0x5A }
      let damaged = directory.appendingPathComponent("damaged-\(fixture)")
      try corrupted.write(to: damaged)
      // Damage may go unnoticed in raw numbers, but must never crash; a detected problem is a DataError.
      do {
        let file = try MatFile(contentsOf: damaged)
        for variable in file.usableVariables { _ = try? file.matrix(named: variable.name) }
      } catch {
        #expect(error is DataError)
      }
    }
  }
}
