import NNCore
import NNData
import Testing

@Suite("Dataset")
struct DatasetTests {
  let features = Matrix([[1, 2], [3, 4], [5, 6], [7, 8]])

  @Test("labels build one-hot targets: a single 1 per row, in the label's column")
  func oneHot() throws {
    let labels = [2, 0, 1, 2]
    let data = try Dataset(
      name: "toy", features: features, labels: labels, classNames: ["a", "b", "c"])
    #expect(data.targets.shape == (4, 3))
    for (row, label) in labels.enumerated() {
      for column in 0..<3 {
        #expect(data.targets[row, column] == (column == label ? 1 : 0))
      }
    }
    #expect(data.count == 4)
    #expect(data.featureCount == 2)
    #expect(data.classCount == 3)
    #expect(data.isClassification)
    #expect(data.classCounts == [1, 1, 2])
    #expect(data.featureNames == ["feature 1", "feature 2"])
  }

  @Test("without class names, classes are named 0…largest label")
  func defaultClassNames() throws {
    let data = try Dataset(name: "toy", features: features, labels: [0, 3, 1, 0])
    #expect(data.classNames == ["0", "1", "2", "3"])
    #expect(data.targets.columns == 4)
  }

  @Test("Matrix.oneHot rejects a label outside the classes and a class count below 1")
  func oneHotErrors() throws {
    #expect(throws: DataError.self) { try Matrix.oneHot(labels: [0, 3], classCount: 3) }
    #expect(throws: DataError.self) { try Matrix.oneHot(labels: [-1], classCount: 3) }
    #expect(throws: DataError.self) { try Matrix.oneHot(labels: [], classCount: 0) }
    #expect(try Matrix.oneHot(labels: [1, 0], classCount: 2) == Matrix([[0, 1], [1, 0]]))
  }

  @Test("a regression data set has no labels and no classes")
  func regression() throws {
    let targets = Matrix([[0.5], [1.5], [2.5], [3.5]])
    let data = try Dataset(
      name: "line", features: features, targets: targets, labels: nil, classNames: [],
      featureNames: ["x", "y"])
    #expect(!data.isClassification)
    #expect(data.classCount == 0)
    #expect(data.classCounts == [])
    #expect(data.targetCount == 1)
    #expect(data.featureNames == ["x", "y"])
  }

  struct Inconsistent: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable () throws -> Dataset
    let fragment: String
  }

  static let inconsistent: [Inconsistent] = [
    Inconsistent(
      description: "target rows",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 3, columns: 2), targets: Matrix(rows: 2, columns: 1),
          labels: nil, classNames: [])
      },
      fragment: "3 feature rows but 2 target rows"),
    Inconsistent(
      description: "label count",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 3, columns: 2), labels: [0, 1], classNames: ["a", "b"])
      },
      fragment: "3 samples but 2 labels"),
    Inconsistent(
      description: "label too large",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 2, columns: 2), labels: [0, 2], classNames: ["a", "b"])
      },
      fragment: "label 2 of sample 2 is outside 0..<2"),
    Inconsistent(
      description: "negative label",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 2, columns: 2), targets: Matrix(rows: 2, columns: 2),
          labels: [-1, 0], classNames: ["a", "b"])
      },
      fragment: "label -1 of sample 1 is outside 0..<2"),
    Inconsistent(
      description: "class names without labels",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 2, columns: 2), targets: Matrix(rows: 2, columns: 1),
          labels: nil, classNames: ["a"])
      },
      fragment: "1 class names but no labels"),
    Inconsistent(
      description: "target columns",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 2, columns: 2), targets: Matrix(rows: 2, columns: 1),
          labels: [0, 2], classNames: ["a", "b", "c"])
      },
      fragment: "3 classes but 1 target columns"),
    Inconsistent(
      description: "feature names",
      make: {
        try Dataset(
          name: "d", features: Matrix(rows: 2, columns: 2), labels: [0, 1], classNames: ["a", "b"],
          featureNames: ["x"])
      },
      fragment: "2 feature columns but 1 feature names"),
  ]

  @Test(
    "parts that disagree are rejected with a message naming the disagreement",
    arguments: inconsistent)
  func rejectsInconsistent(_ case: Inconsistent) throws {
    let error = try #require(throws: DataError.self) { try `case`.make() }
    guard case .inconsistentDataset(let name, let problem) = error else {
      Issue.record("expected inconsistentDataset, got \(error)")
      return
    }
    #expect(name == "d")
    #expect(problem.contains(`case`.fragment), "\(problem)")
    #expect(error.description.hasPrefix("inconsistent data set 'd': "))
  }

  @Test("gatherBatch copies the indexed rows of features and targets into reused buffers")
  func gatherBatch() throws {
    let data = try Dataset(name: "toy", features: features, labels: [0, 1, 2, 1])
    var batchFeatures = Matrix(rows: 4, columns: 2)
    var batchTargets = Matrix(rows: 4, columns: 3)
    let indices = [3, 0, 3]
    indices.withUnsafeBufferPointer {
      data.gatherBatch(at: $0, features: &batchFeatures, targets: &batchTargets)
    }
    #expect(batchFeatures == Matrix([[7, 8], [1, 2], [7, 8]]))
    #expect(batchTargets == Matrix([[0, 1, 0], [1, 0, 0], [0, 1, 0]]))
  }

  @Test("subset keeps the chosen samples, labels and names")
  func subset() throws {
    let data = try Dataset(
      name: "toy", features: features, labels: [0, 1, 2, 1], classNames: ["a", "b", "c"])
    let part = data.subset(at: [2, 1])
    #expect(part.features == Matrix([[5, 6], [3, 4]]))
    #expect(part.labels == [2, 1])
    #expect(part.targets == Matrix([[0, 0, 1], [0, 1, 0]]))
    #expect(part.classNames == data.classNames)
    #expect(part.name == "toy")
  }
}

/// Two classes may be given as one 0/1 target column, for a single sigmoid output.
@Suite("Two-class targets")
struct TwoClassTargetTests {
  @Test func oneColumnIsAcceptedForTwoClasses() throws {
    let dataset = try Dataset(
      name: "d", features: Matrix(rows: 2, columns: 2), targets: Matrix([[0], [1]]), labels: [0, 1],
      classNames: ["a", "b"])
    #expect(dataset.targetCount == 1)
    #expect(dataset.classCount == 2)
  }
}
