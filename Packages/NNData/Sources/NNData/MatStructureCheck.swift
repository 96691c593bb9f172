import Foundation

/// The check of a MAT file's structure, made before libmatio opens it: every size a header declares is compared
/// with the bytes that hold it, so that libmatio never allocates what a damaged or forged header claims, nor reads
/// data that is not there as zeros.
///
/// The version is found as libmatio finds it: a file of at least 128 bytes whose bytes 126–127 are `IM`
/// (little-endian) or `MI` (big-endian) and whose bytes 124–125 hold 0x0100 is version 5 or 7, one holding 0x0200
/// is version 7.3 (HDF5, which libmatio leaves to the HDF5 library and this check does not read); any other file is
/// read as version 4 (see ``MatVersion4Check``).
///
/// Version 5 and 7 files are a 128-byte header, then one element per variable: an array (`miMATRIX`, 14) or a zlib
/// stream holding one (`miCOMPRESSED`, 15). Each must fit in the file; a compressed one is inflated a block at a
/// time, and the array inside must be no larger than its compressed bytes can inflate to
/// (``SizeLimit/deflateExpansion`` times as many). ``MatArrayWalker`` then walks each array.
///
/// The file is read with `pread`, a few bytes at a time, never whole: a version 5 file costs a few reads per
/// variable, a compressed one the inflation of its headers (and of the whole of its cells and structs).
enum MatStructureCheck {
  /// What the check found in a file it passed.
  struct Report: Equatable {
    /// The identity of the file checked, when the check opened it.
    var fileIdentity: MatFileIdentity?
    /// The names of a version 5 or 7 file's variables, in the order stored (`nil` for a variable without one);
    /// none for the other versions.
    var variableNames: [String?] = []
    /// Why a variable's data cannot be read, by its index in the file: its data holds fewer bytes than its
    /// dimensions need (see ``MatArrayWalker/walkVariable(taggedAt:before:)``).
    var dataProblems: [Int: String] = [:]

    /// The data problem of the first variable called `name`, the one libmatio reads by that name.
    ///
    /// - Parameter name: A variable's name.
    func dataProblem(ofVariableNamed name: String) -> String? {
      variableNames.firstIndex(of: name).flatMap { dataProblems[$0] }
    }
  }

  /// The versions, as libmatio tells them apart.
  enum Format: Equatable {
    /// Version 4: no file header.
    case version4
    /// Versions 5 and 7, with their byte order.
    case version5(MatByteOrder)
    /// Version 7.3: HDF5.
    case hdf5
  }

  /// Checks a MAT file's structure.
  ///
  /// - Parameters:
  ///   - url: The file (it exists and is not empty); messages name it by `url.relativePath`.
  ///   - maximumElements: ``DataLoadOptions/maximumElements``, which also bounds the nested arrays
  ///     (``MatNestedArrayBudget``).
  /// - Returns: What was found: the variables whose data is short.
  /// - Throws: ``DataError/invalidContent(source:problem:)`` (`damaged: …`, or `not a MAT file: …`) or
  ///   ``DataError/badVariable(source:variable:problem:)`` naming the element at fault, its position and the size
  ///   it claims; ``DataError/unreadableFile(path:reason:)`` when the file cannot be opened.
  static func check(_ url: URL, maximumElements: Int) throws -> Report {
    let reader = try MatFileReader(url)
    do {
      var report = try check(reader, maximumElements: maximumElements)
      report.fileIdentity = reader.identity
      return report
    } catch {
      throw error.error(path: reader.path)
    }
  }

  /// Checks the structure of an open MAT file.
  ///
  /// - Parameters:
  ///   - reader: The open file.
  ///   - maximumElements: ``DataLoadOptions/maximumElements``.
  /// - Returns: What was found.
  /// - Throws: ``MatDamage``.
  static func check(_ reader: MatFileReader, maximumElements: Int) throws(MatDamage) -> Report {
    switch try format(of: reader) {
    case .hdf5:
      return Report()
    case .version4:
      try MatVersion4Check.check(reader)
      return Report()
    case .version5(let byteOrder):
      return try checkVersion5(
        reader, byteOrder: byteOrder, budget: MatNestedArrayBudget(maximumElements: maximumElements))
    }
  }

  /// The version of a file, from its 128-byte header as libmatio reads it.
  ///
  /// - Parameter reader: The open file.
  static func format(of reader: MatFileReader) throws(MatDamage) -> Format {
    guard reader.size >= 128 else { return .version4 }
    let header = try MatFileBytes(reader).read(128)
    let byteOrder: MatByteOrder
    switch (header[126], header[127]) {
    case (UInt8(ascii: "I"), UInt8(ascii: "M")): byteOrder = .littleEndian
    case (UInt8(ascii: "M"), UInt8(ascii: "I")): byteOrder = .bigEndian
    default: return .version4
    }
    let version =
      byteOrder == .littleEndian
      ? UInt16(header[124]) | UInt16(header[125]) << 8 : UInt16(header[124]) << 8 | UInt16(header[125])
    switch version {
    case 0x0100: return .version5(byteOrder)
    case 0x0200: return .hdf5
    default: return .version4
    }
  }

  /// Checks the elements of a version 5 or 7 file, from byte 128 to its end.
  private static func checkVersion5(
    _ reader: MatFileReader, byteOrder: MatByteOrder, budget: MatNestedArrayBudget
  ) throws(MatDamage) -> Report {
    let elements = MatElementReader(source: MatFileBytes(reader, from: 128), byteOrder: byteOrder)
    var inflated: MatInflatedBytes?
    var report = Report()
    while elements.position < reader.size {
      let tag = try elements.tag("element", before: reader.size, in: "the file")
      let variable: (name: String?, dataProblem: String?)
      switch tag.isSmall ? nil : tag.dataType {
      case .matrix?:
        variable = try MatArrayWalker(reader: elements, isCompressed: false, budget: budget).walkVariable(
          taggedAt: tag.offset, before: tag.dataEnd)
      case .compressed?:
        // One inflating source serves every compressed variable of the file.
        let source: MatInflatedBytes
        if let inflated { source = inflated } else { source = try MatInflatedBytes(reader) }
        inflated = source
        variable = try checkCompressed(tag, inflatedBy: source, byteOrder: byteOrder, budget: budget)
      default:
        throw MatDamage(
          "the element at byte \(tag.offset) is \(MatArrayHeader.describe(tag)); expected a variable, miMATRIX (14) "
            + "or miCOMPRESSED (15)")
      }
      report.dataProblems[report.variableNames.count] = variable.dataProblem
      report.variableNames.append(variable.name)
      try elements.skip(to: tag.dataEnd)
    }
    return report
  }

  /// Checks a compressed variable: the array its zlib stream holds, walked as it is inflated.
  ///
  /// - Parameters:
  ///   - tag: The compressed element's tag (its bytes fit in the file).
  ///   - inflated: The source that inflates the file's compressed elements.
  ///   - byteOrder: The file's byte order.
  ///   - budget: The count of the file's nested arrays.
  /// - Returns: The variable's name and data problem.
  private static func checkCompressed(
    _ tag: MatTag, inflatedBy inflated: MatInflatedBytes, byteOrder: MatByteOrder, budget: MatNestedArrayBudget
  ) throws(MatDamage) -> (name: String?, dataProblem: String?) {
    try inflated.start(elementOffset: tag.offset, dataOffset: tag.offset + 8, count: tag.byteCount)
    let inner = MatTag(try inflated.readWords(), offset: 0, byteOrder: byteOrder)
    guard inner.isLong(.matrix) else {
      throw MatDamage(
        "the compressed element at byte \(tag.offset) holds \(MatArrayHeader.describe(inner)); expected an array "
          + "(miMATRIX)")
    }
    let (product, overflow) = tag.byteCount.multipliedReportingOverflow(by: SizeLimit.deflateExpansion)
    let bound = overflow ? Int.max : product
    guard inner.byteCount <= bound - 8 else {
      throw MatDamage(
        "the compressed element at byte \(tag.offset) claims an array of \(SizeLimit.bytes(inner.byteCount)), but "
          + "its \(SizeLimit.bytes(tag.byteCount)) inflate to at most \(SizeLimit.bytes(bound))")
    }
    let walker = MatArrayWalker(
      reader: MatElementReader(source: inflated, byteOrder: byteOrder), isCompressed: true, budget: budget)
    return try walker.walkVariable(taggedAt: inner.offset, before: inner.dataEnd)
  }
}
