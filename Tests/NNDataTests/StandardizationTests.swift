import Foundation
import NNCore
import NNData
import Testing

@Suite("Standardization")
struct StandardizationTests {
  @Test("standardised training features have mean 0 and standard deviation 1")
  func meanZeroDeviationOne() throws {
    let random = RandomSource(seed: 4)
    let features = Matrix(
      rows: 200, columns: 3,
      elements: (0..<600).map { index in
        random.normal(mean: Double(index % 3) * 10, standardDeviation: 1 + Double(index % 3))
      })
    let standardization = try Standardization(fittedTo: features)
    let standardized = try standardization.applied(to: features)
    for column in 0..<3 {
      let values = (0..<200).map { standardized[$0, column] }
      let mean = values.reduce(0, +) / 200
      let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 200).squareRoot()
      #expect(abs(mean) < 1e-12)
      #expect(abs(deviation - 1) < 1e-12)
    }
    #expect(
      try standardization.inverted(standardized).elements.enumerated().allSatisfy {
        abs($0.element - features.elements[$0.offset]) < 1e-9
      })
  }

  @Test("hand-computed means and population standard deviations; a constant feature is only centred")
  func handComputed() throws {
    let features = Matrix([[1, 5, 2], [3, 5, 4], [5, 5, 9]])
    let standardization = try Standardization(fittedTo: features)
    #expect(standardization.means == [3, 5, 5])
    #expect(abs(standardization.scales[0] - (8.0 / 3).squareRoot()) < 1e-15)
    #expect(standardization.scales[1] == 1)
    let applied = try standardization.applied(to: Matrix([[3, 6, 5]]))
    #expect(applied == Matrix([[0, 1, 0]]))
  }

  @Test("fitted on one set, applied to another; a data set keeps its labels")
  func appliedToOther() throws {
    let train = try Dataset(name: "t", features: Matrix([[0, 10], [2, 30]]), labels: [0, 1])
    let standardization = try Standardization(fittedTo: train)
    let test = try Dataset(name: "u", features: Matrix([[1, 20], [4, 50]]), labels: [1, 0])
    let result = try standardization.applied(to: test)
    #expect(result.features == Matrix([[0, 0], [3, 3]]))
    #expect(result.labels == [1, 0])
    #expect(throws: DataError.self) { try standardization.applied(to: Matrix([[1, 2, 3]])) }
  }

  @Test("it round-trips through JSON, as a model file stores it")
  func codable() throws {
    let standardization = try Standardization(means: [1, -2.5], scales: [0.5, 3])
    let data = try JSONEncoder().encode(standardization)
    #expect(try JSONDecoder().decode(Standardization.self, from: data) == standardization)
    #expect(throws: DataError.self) { try Standardization(means: [1], scales: [0]) }
    #expect(throws: DataError.self) { try Standardization(fittedTo: Matrix(rows: 0, columns: 2)) }
  }
}
