import Foundation
import Testing

@testable import NNData

/// Every committed MAT file, written by scipy, h5py or MATLAB's layout by hand: the structure check passes each one
/// without a problem, and every variable usable as data is read.
@Suite("MAT structure check on every fixture")
struct MatFixtureStructureTests {
  /// The MAT files of `Tests/NNDataTests/Fixtures` and of the fuzz seeds, `Tests/Fuzz/Corpus/mat`.
  static let files: [URL] = {
    let corpus = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fuzz/Corpus/mat")
    return [Fixtures.directory, corpus].flatMap { directory in
      ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
        .filter { $0.pathExtension == "mat" }
    }.sorted { $0.path < $1.path }
  }()

  @Test("there are fixtures of every version to check")
  func fixturesFound() {
    #expect(Self.files.count >= 15)
    #expect(Self.files.contains { $0.lastPathComponent == "samples_v4.mat" })
    #expect(Self.files.contains { $0.lastPathComponent == "labels_apart_v4.mat" })
  }

  @Test("each fixture passes the check and its data variables are read", arguments: files)
  func fixturePasses(_ url: URL) throws {
    let report = try MatStructureCheck.check(url, maximumElements: DataLoadOptions.defaultMaximumElements)
    #expect(report.dataProblems.isEmpty || url.lastPathComponent == "overflow_v7.mat")
    let file = try MatFile(contentsOf: url)
    #expect(!file.variables.isEmpty)
    for variable in file.usableVariables {
      let matrix = try file.matrix(named: variable.name)
      #expect(matrix.rows == variable.rows && matrix.columns == variable.columns)
    }
  }
}
