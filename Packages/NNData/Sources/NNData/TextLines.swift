import Foundation

/// The lines of a text file, read a chunk at a time, so that no file is held whole and no line longer than a limit
/// is held at all.
///
/// Lines end with LF, CRLF or a lone CR; a UTF-8 byte-order mark before the first line is skipped. The memory used
/// is one chunk plus the longest line allowed, whatever the size of the file.
final class TextLines {
  /// One line: its 1-based number and its text without the line end.
  struct Line {
    /// The line number, counting from 1 (blank lines count).
    let number: Int
    /// The text, decoded as UTF-8.
    let text: Substring
  }

  /// The bytes read from the file at a time.
  static let chunkSize = 1 << 16

  /// The file's name in messages.
  let source: String
  /// The longest line accepted, in bytes, its line end excluded.
  let maximumLength: Int
  /// The open file, or `nil` for text already in memory (or once the whole file is read).
  private var handle: FileHandle?
  /// Bytes read and not yet returned start at ``start``; ``scanned`` is where the search for a line end resumes.
  private var buffer: [UInt8] = []
  private var start = 0
  private var scanned = 0
  /// The number of the last line returned.
  private var number = 0

  /// Opens a file to read its lines.
  ///
  /// - Parameters:
  ///   - url: The file.
  ///   - source: The name used in messages; `url.relativePath` when `nil`.
  ///   - maximumLength: The longest line accepted, in bytes.
  /// - Throws: ``DataError/missingFile(path:)``, or ``DataError/unreadableFile(path:reason:)`` for a directory or
  ///   a file that cannot be opened.
  init(contentsOf url: URL, source: String? = nil, maximumLength: Int) throws {
    self.source = source ?? url.relativePath
    self.maximumLength = maximumLength
    try TextFile.requireFile(url)
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      let reason =
        FileManager.default.isReadableFile(atPath: url.path) ? error.localizedDescription : "permission denied"
      throw DataError.unreadableFile(path: url.relativePath, reason: reason)
    }
  }

  /// The lines of text already in memory.
  ///
  /// - Parameters:
  ///   - text: The whole text.
  ///   - source: The name used in messages.
  ///   - maximumLength: The longest line accepted, in bytes.
  init(text: String, source: String, maximumLength: Int) {
    self.source = source
    self.maximumLength = maximumLength
    buffer = Array(text.utf8)
  }

  deinit {
    try? handle?.close()
  }

  /// The next line, or `nil` after the last.
  ///
  /// - Throws: ``DataError/malformedLine(source:line:problem:)`` for a line longer than ``maximumLength`` (saying
  ///   how long it is), ``DataError/unreadableFile(path:reason:)`` for bytes that are not UTF-8 or a read error.
  func next() throws -> Line? {
    while true {
      if let (end, next) = findLineEnd() {
        let line = try finish(end: end)
        start = next
        scanned = next
        return line
      }
      scanned = buffer.count
      let endsInReturn = buffer.last == 0x0D
      let pending = buffer.count - start - (endsInReturn ? 1 : 0)
      if pending > maximumLength {
        number += 1
        throw tooLong(length: pending, readingOn: !endsInReturn)
      }
      if handle == nil {
        guard start < buffer.count else { return nil }
        let line = try finish(end: buffer.count)
        start = buffer.count
        return line
      }
      try readChunk()
    }
  }

  /// The end of the next line and the start of the one after, or `nil` when the buffer holds no complete line
  /// end (a CR at its very end may be the first half of a CRLF).
  private func findLineEnd() -> (end: Int, next: Int)? {
    buffer.withUnsafeBufferPointer { bytes in
      var index = scanned
      while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A { return (index, index + 1) }
        if byte == 0x0D {
          if index + 1 < bytes.count { return (index, bytes[index + 1] == 0x0A ? index + 2 : index + 1) }
          return handle == nil ? (index, index + 1) : nil
        }
        index += 1
      }
      return nil
    }
  }

  /// The line from ``start`` to `end`, checked for length and decoded.
  private func finish(end: Int) throws -> Line {
    number += 1
    if end - start > maximumLength { throw tooLong(length: end - start, readingOn: false) }
    var from = start
    if number == 1, end - from >= 3, buffer[from] == 0xEF, buffer[from + 1] == 0xBB, buffer[from + 2] == 0xBF {
      from += 3
    }
    guard let text = String(validating: buffer[from..<end], as: UTF8.self) else {
      throw DataError.unreadableFile(path: source, reason: "not UTF-8 text")
    }
    return Line(number: number, text: Substring(text))
  }

  /// Appends the next chunk of the file to the buffer, dropping the lines already returned; at the end of the file,
  /// closes it.
  private func readChunk() throws {
    guard let handle else { return }
    if start > 0 {
      buffer.removeFirst(start)
      scanned -= start
      start = 0
    }
    let chunk: Data?
    do {
      chunk = try handle.read(upToCount: Self.chunkSize)
    } catch {
      throw DataError.unreadableFile(path: source, reason: error.localizedDescription)
    }
    guard let chunk, !chunk.isEmpty else {
      try? handle.close()
      self.handle = nil
      return
    }
    buffer.append(contentsOf: chunk)
  }

  /// The error for line ``number``, too long. Its length is counted to its end, reading on without keeping the
  /// bytes, when its end is not in the buffer; the rest of the file is not read.
  ///
  /// - Parameters:
  ///   - length: The bytes of the line in the buffer.
  ///   - readingOn: Whether the line goes on past the buffer.
  private func tooLong(length measured: Int, readingOn: Bool) -> DataError {
    var length = measured
    buffer.removeAll()
    start = 0
    scanned = 0
    while readingOn, let handle, let chunk = try? handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
      if let end = chunk.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
        length += end - chunk.startIndex
        break
      }
      length += chunk.count
    }
    try? handle?.close()
    handle = nil
    return DataError.malformedLine(
      source: source, line: number,
      problem: "the line is \(SizeLimit.grouped(length)) bytes long, more than the limit of "
        + "\(SizeLimit.grouped(maximumLength)) bytes; raise it with --max-line-length (maximumLineLength)")
  }
}
