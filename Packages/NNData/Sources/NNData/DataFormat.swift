import Foundation

/// The format of a data file.
public enum DataFormat: String, Sendable, Codable, CaseIterable {
  /// Decided from the extension and the content (see ``detect(_:)``).
  case auto
  /// A MATLAB MAT file (versions 4, 5, 7, 7.3), read with ``MatLoader``.
  case mat
  /// The UCI iris text format, read with ``IrisLoader``.
  case iris
  /// Delimited text, read with ``CSVLoader``.
  case csv

  /// The format of a file, from its extension and, where that is not enough, its first bytes.
  ///
  /// - `.mat` → ``mat``; `.csv` or `.tsv` → ``csv``.
  /// - A file starting with MATLAB's text header (`MATLAB 5.0 MAT-file…`, `MATLAB 7.3 MAT-file…`) → ``mat``.
  /// - Text whose first data line (after a header, if any) is four numbers and a non-numeric last field, as
  ///   `5.1,3.5,1.4,0.2,Iris-setosa` → ``iris``.
  /// - Anything else → ``csv``.
  ///
  /// - Parameter url: The file.
  /// - Returns: A concrete format, never ``auto``.
  /// - Throws: ``DataError/missingFile(path:)`` and ``DataError/unreadableFile(path:reason:)`` when the file
  ///   cannot be read.
  public static func detect(_ url: URL) throws -> DataFormat {
    switch url.pathExtension.lowercased() {
    case "mat": return .mat
    case "csv", "tsv": return .csv
    default: break
    }
    try TextFile.requireFile(url)
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw DataError.unreadableFile(path: url.relativePath, reason: "permission denied")
    }
    defer { try? handle.close() }
    let start = (try? handle.read(upToCount: 4096)) ?? Data()
    if start.starts(with: Data("MATLAB ".utf8)), start.count >= 128 { return .mat }
    let text = String(decoding: start, as: UTF8.self)
    return looksLikeIris(text) ? .iris : .csv
  }

  /// Whether the first data line of `text` is four numbers and a non-numeric class name.
  static func looksLikeIris(_ text: String) -> Bool {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    for line in lines.prefix(2) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
      guard fields.count == IrisLoader.featureCount + 1 else { return false }
      let numbers = fields.prefix(IrisLoader.featureCount).filter { Double($0) != nil }.count
      if numbers == 0 { continue }  // a header line
      return numbers == IrisLoader.featureCount && Double(fields[IrisLoader.featureCount]) == nil
    }
    return false
  }
}
