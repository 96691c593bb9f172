import Foundation
import NNData
import Testing

/// The data readers on the inputs the fuzz targets keep (`Tests/Fuzz`): every seed is read, every regression
/// fixture (an input that once crashed the reader) is refused with a ``DataError``, through the same calls as
/// the target that found it.
@Suite("data readers on the fuzz targets' seeds and regression fixtures")
struct DataReaderFuzzTests {
  /// The ways the CSV target reads each input, as `Tests/Fuzz/Sources/FuzzCSV` does.
  static let csvOptionSets: [DataLoadOptions] = [
    DataLoadOptions(),
    DataLoadOptions(labelColumn: .index(0), hasHeader: true, targetKind: .classification),
    DataLoadOptions(labelColumn: .name("label"), delimiter: .semicolon, targetKind: .regression),
  ]

  @Test("every MAT seed opens and each variable usable as data is read", arguments: FuzzFiles.seeds("mat"))
  func matSeedIsRead(_ url: URL) throws {
    let file = try MatFile(contentsOf: url)
    #expect(!file.usableVariables.isEmpty)
    for variable in file.usableVariables {
      let matrix = try file.matrix(named: variable.name)
      #expect(matrix.rows == variable.rows && matrix.columns == variable.columns)
    }
  }

  @Test(
    "every MAT regression fixture is refused with a data error",
    arguments: FuzzFiles.regressions("mat"))
  func matRegressionIsRefused(_ url: URL) {
    #expect(throws: DataError.self) { try DataLoader.load(contentsOf: url) }
    expectReadOrRefused { try MatFile(contentsOf: url) }
    if let file = try? MatFile(contentsOf: url) {
      for variable in file.usableVariables { expectReadOrRefused { try file.matrix(named: variable.name) } }
    }
  }

  @Test("every iris seed is parsed", arguments: FuzzFiles.seeds("iris"))
  func irisSeedIsParsed(_ url: URL) throws {
    let dataset = try IrisLoader.load(contentsOf: url)
    #expect(dataset.count > 0)
    #expect(dataset.features.columns == IrisLoader.featureCount)
  }

  @Test("every iris regression fixture is refused with a data error", arguments: FuzzFiles.regressions("iris"))
  func irisRegressionIsRefused(_ url: URL) {
    #expect(throws: DataError.self) { try IrisLoader.load(contentsOf: url) }
  }

  @Test("every CSV seed is parsed", arguments: FuzzFiles.seeds("csv"))
  func csvSeedIsParsed(_ url: URL) throws {
    let dataset = try CSVLoader.load(contentsOf: url)
    #expect(dataset.count > 0)
  }

  @Test(
    "every CSV regression fixture is refused with a data error, read each way the target reads it",
    arguments: FuzzFiles.regressions("csv"))
  func csvRegressionIsRefused(_ url: URL) {
    for options in Self.csvOptionSets {
      #expect(throws: DataError.self) { try CSVLoader.load(contentsOf: url, options: options) }
    }
  }
}

/// Expects `body` to return or to throw a ``DataError``, the reader's own error.
///
/// - Parameter body: A reader call.
private func expectReadOrRefused<Result>(_ body: () throws -> Result) {
  do { _ = try body() } catch { #expect(error is DataError, "not a data error: \(error)") }
}
