import Foundation
import NNCore
import NNData
import Testing

@Suite("MAT data sets")
struct MatDatasetTests {
  @Test("the only matrix, labels in its last column: classes named after the values")
  func defaults() throws {
    for name in ["samples_v4.mat", "samples_v5.mat", "samples_v7.mat", "mixed.mat"] {
      let data = try DataLoader.load(contentsOf: Fixtures.url(name))
      #expect(data.name == name)
      #expect(data.count == 6)
      #expect(data.featureCount == 3)
      #expect(data.features.row(2) == [20.5, 21.5, 22.5])
      #expect(data.labels == [0, 1, 0, 1, 0, 1])
      #expect(data.classNames == ["0", "1"])
      #expect(data.targets.row(1) == [0, 1])
    }
  }

  @Test("labels from another variable: integer values become classes in increasing order")
  func labelsVariable() throws {
    let data = try MatLoader.load(
      contentsOf: Fixtures.url("single.mat"), options: DataLoadOptions(variable: "features", labelsVariable: "labels"))
    #expect(data.featureCount == 2)
    #expect(data.classNames == ["3", "5", "9"])
    #expect(data.labels == [1, 0, 2, 1])
    // Without --variable the labels variable is not a candidate, so the features are the only one left.
    let chosen = try MatLoader.load(
      contentsOf: Fixtures.url("single.mat"), options: DataLoadOptions(labelsVariable: "labels"))
    #expect(chosen == data)
  }

  @Test("a label column by index, negative from the end")
  func labelColumn() throws {
    let url = Fixtures.url("samples_v5.mat")
    let first = try MatLoader.load(contentsOf: url, options: DataLoadOptions(labelColumn: .index(-4)))
    let same = try MatLoader.load(contentsOf: url, options: DataLoadOptions(labelColumn: .index(0)))
    #expect(first == same)
    #expect(first.features.row(0) == [1.5, 2.5, 0])
    #expect(first.isClassification == false, "0.5, 10.5, … are not integers: regression")
    #expect(first.targets.elements == [0.5, 10.5, 20.5, 30.5, 40.5, 50.5])
  }

  @Test("real-valued labels are regression targets; forcing classes is an error naming the row")
  func regression() throws {
    let url = Fixtures.url("regression.mat")
    let data = try MatLoader.load(contentsOf: url)
    #expect(!data.isClassification)
    #expect(data.targets == Matrix([[0.5], [1.25], [-3], [2.75]]))
    let error = try #require(throws: DataError.self) {
      try MatLoader.load(contentsOf: url, options: DataLoadOptions(targetKind: .classification))
    }
    #expect(error.description.contains("variable 'samples': the label 0.5 at row 1 is not an integer"))
    let forced = try MatLoader.load(
      contentsOf: Fixtures.url("samples_v5.mat"), options: DataLoadOptions(targetKind: .regression))
    #expect(forced.targets.elements == [0, 1, 0, 1, 0, 1])
  }

  struct BadCase: Sendable, CustomStringConvertible {
    let description: String
    let file: String
    let options: DataLoadOptions
    let fragment: String
  }

  static let badCases: [BadCase] = [
    BadCase(
      description: "two matrices", file: "two_matrices.mat", options: DataLoadOptions(),
      fragment: "2 variables could be the data: first (double 6x4), second (double 3x2)"),
    BadCase(
      description: "missing variable", file: "mixed.mat", options: DataLoadOptions(variable: "nothing"),
      fragment: "variable 'nothing': no such variable"),
    BadCase(
      description: "a struct", file: "mixed.mat", options: DataLoadOptions(variable: "info"),
      fragment: "variable 'info': cannot be used as data: it is a struct"),
    BadCase(
      description: "a string", file: "mixed.mat", options: DataLoadOptions(variable: "note"),
      fragment: "variable 'note': cannot be used as data: it is a string"),
    BadCase(
      description: "sparse", file: "mixed.mat", options: DataLoadOptions(variable: "sparse"),
      fragment: "variable 'sparse': cannot be used as data: it is a sparse matrix"),
    BadCase(
      description: "3-D", file: "mixed.mat", options: DataLoadOptions(variable: "volume"),
      fragment: "variable 'volume': cannot be used as data: it is 3-D (2x2x2)"),
    BadCase(
      description: "label column out of range", file: "samples_v5.mat",
      options: DataLoadOptions(labelColumn: .index(4)),
      fragment: "label column 4 is out of range: there are 4 columns"),
    BadCase(
      description: "label column by name", file: "samples_v5.mat", options: DataLoadOptions(labelColumn: .name("y")),
      fragment: "a MAT variable has no column names"),
    BadCase(
      description: "labels of the wrong length", file: "two_matrices.mat",
      options: DataLoadOptions(variable: "first", labelsVariable: "second"),
      fragment: "variable 'second': expected one label per sample of 'first' (6x1 or 1x6), found 3x2"),
    BadCase(
      description: "both label options", file: "single.mat",
      options: DataLoadOptions(labelsVariable: "labels", labelColumn: .last),
      fragment: "give either a labels variable or a label column"),
  ]

  @Test("bad choices give one clear message naming the file and variable", arguments: badCases)
  func badChoices(_ bad: BadCase) throws {
    let error = try #require(throws: DataError.self) {
      try MatLoader.load(contentsOf: Fixtures.url(bad.file), options: bad.options)
    }
    #expect(error.description.contains(bad.fragment), "\(error)")
  }

  @Test("NaN or infinity in the data names the variable, row and column")
  func nonFinite() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("nan.mat")
    try MatFile.write(Matrix([[1, 2, 0], [3, .nan, 1]]), named: "samples", to: url)
    let error = try #require(throws: DataError.self) { try MatLoader.load(contentsOf: url) }
    #expect(
      error.description.hasSuffix("variable 'samples': the value at row 2, column 2 is nan; expected finite numbers"))
  }

  @Test("among several matrices, the one named like the file is chosen (MATLAB's `save samples`)")
  func namedLikeFile() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("samples.mat")
    let samples = Matrix([[1, 2, 1], [3, 4, 0]])
    try MatFile.write(
      [
        (name: "num", matrix: Matrix([[2]])), (name: "c1", matrix: Matrix([[1, 2, 1]])),
        (name: "samples", matrix: samples),
      ],
      to: url)
    let data = try MatLoader.load(contentsOf: url)
    #expect(data.features == Matrix([[1, 2], [3, 4]]))
    #expect(data.labels == [1, 0])
  }
}
