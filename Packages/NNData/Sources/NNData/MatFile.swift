import CMatio
import Foundation
@_spi(Internals) import NNCore

/// A MATLAB MAT file (versions 4, 5, 7 and 7.3), read through libmatio: its variables and their data.
///
/// ```swift
/// let file = try MatFile(contentsOf: URL(fileURLWithPath: "samples.mat"))
/// for variable in file.variables { print(variable.name, variable.matlabClass, variable.dimensionsText) }
/// let samples = try file.matrix(named: "samples")  // 200 × 4, row-major
/// ```
///
/// MATLAB stores arrays column by column; ``matrix(named:)`` returns nn's row-major ``/NNCore/Matrix`` with the same
/// rows and columns: element `(i, j)` of the variable is `matrix[i, j]`.
public struct MatFile: Sendable {
  /// The file.
  public let url: URL
  /// The format version: ``MatVersion/v7`` when a version 5 file has compressed variables.
  public let version: MatVersion
  /// Every variable, in the order stored.
  public let variables: [MatVariableInfo]
  /// The data variables whose headers claim more elements than the file can hold, with the claim.
  private let damagedVariables: [(name: String, problem: String)]
  /// What the check of the file's structure found when the file was listed.
  private let structure: MatStructureCheck.Report
  /// The element limit the file was opened with (``DataLoadOptions/maximumElements``).
  private let maximumElements: Int

  /// Opens a MAT file and lists its variables (their data is read on demand).
  ///
  /// The file's structure is checked before libmatio reads it (NNData walks the file first, as libmatio will read
  /// it): a file whose elements claim more bytes than hold them is refused. Each variable's claimed size is checked here: a variable whose
  /// dimensions multiply past what the file can hold, whose data holds fewer bytes than its dimensions need, or
  /// whose dimensions multiply past `maximumElements`, is listed with that reason in
  /// ``MatVariableInfo/unusableReason`` and its data is never read.
  ///
  /// - Parameters:
  ///   - url: The file; messages name it by `url.relativePath`.
  ///   - maximumElements: The most elements a variable read as data may have
  ///     (``DataLoadOptions/maximumElements``).
  /// - Throws: ``DataError/missingFile(path:)``, ``DataError/unreadableFile(path:reason:)``,
  ///   ``DataError/invalidContent(source:problem:)`` for an empty, damaged or non-MAT file,
  ///   ``DataError/badVariable(source:variable:problem:)`` for a variable whose structure is damaged, or
  ///   ``DataError/invalidArgument(name:problem:)`` for a limit below 1.
  public init(contentsOf url: URL, maximumElements: Int = DataLoadOptions.defaultMaximumElements) throws {
    try SizeLimit.validate(DataLoadOptions(maximumElements: maximumElements))
    let matio = try MatLibrary.functions()
    let (handle, structure) = try MatLibrary.open(url, maximumElements: maximumElements)
    defer { _ = matio.close(handle) }
    let path = url.relativePath
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    let isHDF5 = matio.version(handle) == MAT_FT_MAT73
    let (listing, hadProblem) = try MatLibrary.checking { matio in
      Self.list(handle, matio) { index, dimensions, compressed in
        let problem = MatSizeCheck.problem(
          dimensions: dimensions, storage: isHDF5 ? .hdf5 : compressed ? .compressed : .uncompressed,
          fileSize: size, maximumElements: maximumElements)
        // A claim beyond the file comes first; then data that holds less than the dimensions need; then the limit.
        if problem?.isDamage != true, let short = structure.dataProblems[index] {
          return MatSizeCheck.Problem(text: "damaged: \(short)", isDamage: true)
        }
        return problem
      }
    }
    if hadProblem {
      throw DataError.invalidContent(
        source: path, problem: "damaged or truncated: libmatio could not read every variable's header")
    }
    if listing.variables.isEmpty, !isHDF5, size > 128 {
      throw DataError.invalidContent(
        source: path, problem: "damaged or truncated: no variable could be read from its \(size) bytes")
    }
    self.url = url
    self.maximumElements = maximumElements
    self.structure = structure
    self.variables = listing.variables.map(\.info)
    self.damagedVariables = listing.variables.compactMap { variable in
      guard let problem = variable.sizeProblem, problem.isDamage, variable.info.hasDataShape else { return nil }
      return (variable.info.name, problem.text)
    }
    switch matio.version(handle) {
    case MAT_FT_MAT4: version = .v4
    case MAT_FT_MAT73: version = .v73
    default: version = listing.compressed ? .v7 : .v5
    }
  }

  /// Every variable's description and size problem, read from an open file, and whether any is compressed.
  ///
  /// - Parameters:
  ///   - handle: The open file.
  ///   - matio: libmatio's functions.
  ///   - sizeProblem: Why the variable of this index (counted from 0), of these dimensions, compressed or not,
  ///     cannot be read (see ``MatSizeCheck``).
  private static func list(
    _ handle: OpaquePointer, _ matio: MatioFunctions, sizeProblem: (Int, [Int], Bool) -> MatSizeCheck.Problem?
  ) -> (variables: [(info: MatVariableInfo, sizeProblem: MatSizeCheck.Problem?)], compressed: Bool) {
    var variables: [(info: MatVariableInfo, sizeProblem: MatSizeCheck.Problem?)] = []
    var compressed = false
    while let variable = matio.readNextInfo(handle) {
      defer { matio.freeVariable(variable) }
      let info = variable.pointee
      let name = info.name.map { String(cString: $0) } ?? "(unnamed \(variables.count + 1))"
      let dimensions: [Int]
      if let dims = info.dims {
        // libmatio allocated and read `rank` dimensions; a size beyond `Int` is kept as `Int.max`, which no file
        // can hold.
        dimensions = (0..<Int(max(info.rank, 0))).map { Int(clamping: dims[$0]) }
      } else {
        dimensions = []
      }
      let isCompressed = info.compression == MAT_COMPRESSION_ZLIB
      compressed = compressed || isCompressed
      let problem = sizeProblem(variables.count, dimensions, isCompressed)
      let description = MatVariableInfo(
        name: name, matlabClass: MatClass(info.class_type, isLogical: info.isLogical != 0),
        dimensions: dimensions, isComplex: info.isComplex != 0, sizeProblem: problem?.text)
      variables.append((description, problem))
    }
    return (variables, compressed)
  }

  /// Throws for the first data variable whose header claims more elements than the file can hold: the file is
  /// damaged (or forged), though its other variables may still be read. `nn inspect` lists the file, then reports
  /// this.
  ///
  /// - Throws: ``DataError/badVariable(source:variable:problem:)`` naming the variable, the dimensions it claims
  ///   and the file's size.
  public func requireClaimsWithinFile() throws {
    guard let (name, problem) = damagedVariables.first else { return }
    throw DataError.badVariable(source: path, variable: name, problem: problem)
  }

  /// The path used in messages.
  public var path: String { url.relativePath }

  /// The variables that can be loaded as data (see ``MatVariableInfo/isUsableAsData``).
  public var usableVariables: [MatVariableInfo] { variables.filter(\.isUsableAsData) }

  /// The description of the variable called `name`.
  ///
  /// - Parameter name: The variable's name, as stored (case matters).
  /// - Throws: ``DataError/badVariable(source:variable:problem:)`` listing the variables when there is none
  ///   of that name.
  public func variable(named name: String) throws -> MatVariableInfo {
    if let found = variables.first(where: { $0.name == name }) { return found }
    let names = variables.map(\.name)
    let hint = NameSuggestion.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    let list = names.isEmpty ? "the file has no variables" : "variables: \(names.joined(separator: ", "))"
    throw DataError.badVariable(source: path, variable: name, problem: "no such variable\(hint); \(list)")
  }

  /// Reads a numeric or logical 2-D variable as a row-major matrix: `float32` for a single-precision variable,
  /// `float64` for every other.
  ///
  /// Single-precision numbers stay as they are; integers and logicals are converted to `Double` exactly (64-bit
  /// integers beyond 2⁵³ round to the nearest `Double`). Values are not checked: NaN and infinity come through as they are. The variable's
  /// size was checked when the file was listed (see ``init(contentsOf:maximumElements:)``); libmatio's buffer is
  /// checked again against it before it is converted.
  ///
  /// - Parameter name: The variable's name.
  /// - Returns: A `rows × columns` matrix with `matrix[i, j]` equal to MATLAB's `variable(i+1, j+1)`.
  /// - Throws: ``DataError/badVariable(source:variable:problem:)`` when the variable is missing, not usable
  ///   as data (saying why, or what size it claims), or cannot be read (a truncated or damaged file).
  public func matrix(named name: String) throws -> Matrix {
    let info = try variable(named: name)
    func fail(_ problem: String) -> DataError { .badVariable(source: path, variable: name, problem: problem) }
    if let reason = info.unusableReason {
      throw fail(info.hasDataShape ? reason : "cannot be used as data: it is \(reason)")
    }
    let matio = try MatLibrary.functions()
    let (handle, structure) = try MatLibrary.open(
      url, maximumElements: maximumElements, checkedBefore: self.structure)
    defer { _ = matio.close(handle) }
    // The file may have changed since it was listed: then its structure was checked again as it was opened.
    if let short = structure.dataProblem(ofVariableNamed: name) { throw fail("damaged: \(short)") }
    let (read, hadProblem) = try MatLibrary.checking { matio in matio.readVariable(handle, name) }
    guard let variable = read, !hadProblem else {
      if let read { matio.freeVariable(read) }
      throw fail("its data cannot be read; the file may be truncated or damaged")
    }
    defer { matio.freeVariable(variable) }
    let content = variable.pointee
    let rank = Int(content.rank)
    guard rank == 2, content.isComplex == 0, let data = content.data, let dims = content.dims else {
      throw fail("its data cannot be read as a real 2-D matrix; the file may be damaged")
    }
    let rows = Int(clamping: dims[0])
    let columns = Int(clamping: dims[1])
    guard rows == info.rows, columns == info.columns else {
      throw fail("its data has a different size (\(rows)x\(columns)) than its header (\(info.dimensionsText))")
    }
    guard let count = SizeLimit.product([rows, columns]),
      let needed = SizeLimit.product([count, Int(max(content.data_size, 1))]),
      Int(clamping: content.nbytes) >= needed,
      let matrix = MatConversion.rowMajor(from: data, type: content.data_type, rows: rows, columns: columns)
    else {
      throw fail("its data cannot be read as numbers (storage type \(content.data_type.rawValue))")
    }
    return matrix
  }
}
