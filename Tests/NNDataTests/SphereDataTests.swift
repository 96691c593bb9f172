import NNCore
import NNData
import Testing

@Suite("Sphere data")
struct SphereDataTests {
  @Test("count points per ball, inside it, labelled 1 then 0")
  func shape() throws {
    let samples = try SphereData.generate(count: 100, random: RandomSource(seed: 1))
    #expect(samples.shape == (200, 4))
    for row in 0..<200 {
      let (centre, label) = row < 100 ? (SphereData.firstCentre, 1.0) : (SphereData.secondCentre, 0.0)
      #expect(samples[row, 3] == label)
      let distance = (0..<3).map { samples[row, $0] - centre[$0] }.map { $0 * $0 }.reduce(0, +).squareRoot()
      #expect(distance <= 1, "row \(row) is \(distance) from its centre")
    }
  }

  @Test("uniform in the ball: about 1/8 of the points lie within radius 1/2, the mean is the centre")
  func uniform() throws {
    let samples = try SphereData.generate(count: 20_000, random: RandomSource(seed: 7))
    var inner = 0
    var sums = [0.0, 0.0, 0.0]
    for row in 0..<20_000 {
      let offsets = (0..<3).map { samples[row, $0] - SphereData.firstCentre[$0] }
      if offsets.map({ $0 * $0 }).reduce(0, +) < 0.25 { inner += 1 }
      for axis in 0..<3 { sums[axis] += offsets[axis] }
    }
    let share = Double(inner) / 20_000
    #expect(abs(share - 0.125) < 0.01, "share within radius 1/2: \(share)")
    #expect(sums.allSatisfy { abs($0 / 20_000) < 0.02 })
  }

  @Test("the same seed gives the same points; another seed other points")
  func reproducible() throws {
    let first = try SphereData.generate(count: 10, random: RandomSource(seed: 5))
    #expect(first == (try SphereData.generate(count: 10, random: RandomSource(seed: 5))))
    #expect(first != (try SphereData.generate(count: 10, random: RandomSource(seed: 6))))
    #expect(throws: DataError.self) { try SphereData.generate(count: 0, random: RandomSource(seed: 1)) }
  }

  @Test("as a data set: three features, classes 0 and 1, a MAT round trip keeps it")
  func dataset() throws {
    let data = try SphereData.dataset(count: 5, random: RandomSource(seed: 2))
    #expect(data.featureNames == ["x", "y", "z"])
    #expect(data.classCounts == [5, 5])
    let directory = try Fixtures.temporaryDirectory()
    let url = directory.appendingPathComponent("samples.mat")
    try MatFile.write(try SphereData.generate(count: 5, random: RandomSource(seed: 2)), named: "samples", to: url)
    let loaded = try MatLoader.load(contentsOf: url)
    #expect(loaded.features == data.features)
    #expect(loaded.labels == data.labels)
    #expect(loaded.classNames == data.classNames)
  }
}
