import Foundation
import NNCore
import NNData
import Testing

@Suite("Format detection")
struct DataFormatTests {
  @Test("by extension, then by content")
  func detection() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func file(_ name: String, _ text: String) throws -> URL {
      let url = directory.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      return url
    }
    #expect(try DataFormat.detect(Fixtures.url("samples_v5.mat")) == .mat)
    #expect(try DataFormat.detect(try file("a.csv", "5.1,3.5,1.4,0.2,Iris-setosa\n")) == .csv)
    #expect(try DataFormat.detect(try file("a.data", "5.1,3.5,1.4,0.2,Iris-setosa\n")) == .iris)
    #expect(try DataFormat.detect(try file("b.txt", "a,b,c,d,species\n5.1,3.5,1.4,0.2,setosa\n")) == .iris)
    #expect(try DataFormat.detect(try file("c.txt", "1,2,3,4,5\n")) == .csv)
    #expect(try DataFormat.detect(try file("d.data", "1;2;a\n")) == .csv)
    let copied = directory.appendingPathComponent("samples.bin")
    try FileManager.default.copyItem(at: Fixtures.url("samples_v7.mat"), to: copied)
    #expect(try DataFormat.detect(copied) == .mat)
    #expect(throws: DataError.self) { try DataFormat.detect(directory.appendingPathComponent("none.txt")) }
  }

  @Test("the loader follows the detected or forced format")
  func loader() throws {
    let directory = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let iris = directory.appendingPathComponent("flowers.txt")
    try Data("5.1,3.5,1.4,0.2,Iris-setosa\n6.3,3.3,6.0,2.5,Iris-virginica\n".utf8).write(to: iris)
    let data = try DataLoader.load(path: iris.path)
    #expect(data.featureNames == IrisLoader.defaultFeatureNames)
    let asCSV = try DataLoader.load(path: iris.path, options: DataLoadOptions(format: .csv))
    #expect(asCSV.features == data.features)
    #expect(asCSV.classNames == data.classNames)
    let copied = directory.appendingPathComponent("samples.bin")
    try FileManager.default.copyItem(at: Fixtures.url("samples_v5.mat"), to: copied)
    #expect(try DataLoader.load(contentsOf: copied).count == 6)
    #expect(throws: DataError.self) { try DataLoader.load(path: iris.path, options: DataLoadOptions(format: .mat)) }
  }
}
