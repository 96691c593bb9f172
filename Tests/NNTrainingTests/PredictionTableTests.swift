import Foundation
import NNCore
import NNData
import NNTraining
import Testing

/// Prediction tables: the CSV text `nn predict` prints, and the CSV and MAT files it writes.
@Suite("predictions: table")
struct PredictionTableTests {
  @Test("one sigmoid output of two classes becomes the columns 1 − p and p, the class first")
  func binaryClassification() {
    let table = PredictionTable(outputs: Matrix([[0.25], [0.75]]), classNames: ["0", "1"])
    #expect(table.header == ["predicted", "0", "1"])
    #expect(table.predictedClasses == [0, 1])
    #expect(table.csv() == "predicted,0,1\n0,0.75,0.25\n1,0.25,0.75\n")
  }

  @Test("class names holding a comma or a quote are quoted, quotes doubled")
  func quoting() {
    let table = PredictionTable(outputs: Matrix([[0.5, 0.25, 0.25]]), classNames: ["a,b", "say \"c\"", "d"])
    #expect(table.csv() == "predicted,\"a,b\",\"say \"\"c\"\"\",d\n\"a,b\",0.5,0.25,0.25\n")
  }

  @Test("regression: `output`, or `output_1`, `output_2`, … for several outputs")
  func regression() {
    #expect(PredictionTable(outputs: Matrix([[1.5], [2]]), classNames: []).csv() == "output\n1.5\n2.0\n")
    let wide = PredictionTable(outputs: Matrix([[1, 2]]), classNames: [])
    #expect(wide.header == ["output_1", "output_2"])
    #expect(wide.predictedClasses == nil)
  }

  @Test("the format follows the extension in any case; another extension is refused")
  func formats() throws {
    #expect(PredictionTable.Format(path: "out/p.CSV") == .csv)
    #expect(PredictionTable.Format(path: "p.mat") == .mat)
    #expect(PredictionTable.Format(path: "p.txt") == nil)
    #expect(PredictionTable.Format(path: "csv") == nil)
    let table = PredictionTable(outputs: Matrix([[1]]), classNames: [])
    #expect(throws: DataError.self) { try table.write(path: "p.txt") }
  }

  @Test("written as CSV: the same text; as MAT: the class values or indices and the probabilities")
  func files() throws {
    let folder = try ModelFileFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let table = PredictionTable(outputs: Matrix([[0.2, 0.8], [0.9, 0.1]]), classNames: ["no", "yes"])
    let csv = folder.appendingPathComponent("p.csv")
    try table.write(path: csv.path)
    #expect(try String(contentsOf: csv, encoding: .utf8) == table.csv())

    let mat = folder.appendingPathComponent("p.mat")
    try table.write(path: mat.path)
    let file = try MatFile(contentsOf: mat)
    // Names that are not numbers are stored as 0-based indices: yes, no.
    #expect(try file.matrix(named: "predicted") == Matrix([[1], [0]]))
    #expect(try file.matrix(named: "probabilities") == Matrix([[0.2, 0.8], [0.9, 0.1]]))

    let numbered = PredictionTable(outputs: Matrix([[0.3], [0.6]]), classNames: ["-1", "1"])
    try numbered.write(path: mat.path, format: .mat)
    // Numeric class names are stored as their values: 0.3 → class "-1", 0.6 → class "1".
    #expect(try MatFile(contentsOf: mat).matrix(named: "predicted") == Matrix([[-1], [1]]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["p.csv", "p.mat"])
  }

  @Test("a missing folder is an unwritable-file error naming the path")
  func missingFolder() {
    let table = PredictionTable(outputs: Matrix([[1]]), classNames: [])
    // CSV and MAT tables alike: the data error of the one atomic-write path, naming the file and the folder.
    #expect(
      throws: DataError.unwritableFile(
        path: "/nonexistent/folder/p.csv", reason: "no such directory /nonexistent/folder")
    ) {
      try table.write(path: "/nonexistent/folder/p.csv")
    }
  }
}
