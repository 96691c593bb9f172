import NNCore
import NNData
import Testing

@Suite("Train/test split")
struct SplitTests {
  /// 150 samples whose single feature is the sample's number, so parts can be traced back.
  static func numbered(classSizes: [Int]) throws -> Dataset {
    let labels = classSizes.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    let features = Matrix(rows: labels.count, columns: 1, elements: labels.indices.map(Double.init))
    return try Dataset(name: "numbered", features: features, labels: labels)
  }

  @Test("stratified: each class keeps its share; the parts are disjoint and cover everything")
  func stratified() throws {
    let data = try Self.numbered(classSizes: [50, 30, 20])
    let (train, test) = try data.split(testFraction: 0.2, random: RandomSource(seed: 3))
    #expect(test.classCounts == [10, 6, 4])
    #expect(train.classCounts == [40, 24, 16])
    let trainSamples = Set(train.features.elements)
    let testSamples = Set(test.features.elements)
    #expect(trainSamples.isDisjoint(with: testSamples))
    #expect(trainSamples.union(testSamples) == Set(data.features.elements))
    #expect(train.count + test.count == data.count)
    for (row, value) in test.features.elements.enumerated() {
      #expect(test.labels?[row] == data.labels?[Int(value)], "labels travel with their samples")
    }
  }

  @Test("the same seed gives the same split, another seed another")
  func reproducible() throws {
    let data = try Self.numbered(classSizes: [40, 40])
    let first = try data.split(testFraction: 0.25, random: RandomSource(seed: 9))
    let again = try data.split(testFraction: 0.25, random: RandomSource(seed: 9))
    let other = try data.split(testFraction: 0.25, random: RandomSource(seed: 10))
    #expect(first.test == again.test)
    #expect(first.train == again.train)
    #expect(first.test != other.test)
  }

  @Test("every class with two samples appears in both parts, even at a small fraction")
  func smallClasses() throws {
    let data = try Self.numbered(classSizes: [40, 2, 3, 1])
    let (train, test) = try data.split(testFraction: 0.05, random: RandomSource(seed: 1))
    #expect(test.classCounts == [2, 1, 1, 0])
    #expect(train.classCounts == [38, 1, 2, 1])
  }

  @Test("unstratified and regression splits hold out round(fraction · n)")
  func unstratified() throws {
    let data = try Self.numbered(classSizes: [7, 3])
    let (train, test) = try data.split(testFraction: 0.3, stratified: false, random: RandomSource(seed: 2))
    #expect(test.count == 3)
    #expect(train.count == 7)
    let regression = try Dataset(
      name: "r", features: Matrix(rows: 4, columns: 1, elements: [1, 2, 3, 4]), targets: Matrix(rows: 4, columns: 1),
      labels: nil, classNames: [])
    let parts = try regression.split(testFraction: 0.5, random: RandomSource(seed: 2))
    #expect(parts.test.count == 2)
  }

  @Test("fractions outside (0, 1) and sets too small to split are errors", arguments: [0.0, 1.0, -0.1, 1.5, .nan])
  func badFraction(_ fraction: Double) throws {
    let data = try Self.numbered(classSizes: [5, 5])
    #expect(throws: DataError.self) { try data.split(testFraction: fraction, random: RandomSource(seed: 1)) }
  }

  @Test("a test part that would be empty is an error")
  func emptyTest() throws {
    let single = try Self.numbered(classSizes: [1])
    #expect(throws: DataError.self) { try single.split(testFraction: 0.5, random: RandomSource(seed: 1)) }
    let singletons = try Self.numbered(classSizes: [1, 1, 1])
    #expect(throws: DataError.self) { try singletons.split(testFraction: 0.5, random: RandomSource(seed: 1)) }
  }
}
