/// A MAT file as a ``MatByteSource``: its bytes from offset 0, read ahead a block at a time so that walking many
/// small elements costs few system calls.
final class MatFileBytes: MatByteSource {
  /// How many bytes a read brings in at least.
  static let blockSize = 4096

  /// The file.
  private let reader: MatFileReader
  /// Bytes read ahead, from `bufferStart`.
  private var buffer: [UInt8] = []
  /// The file offset of `buffer[0]`.
  private var bufferStart = 0
  /// The file offset of the next byte.
  private(set) var position: Int

  /// The file's bytes from `position`.
  ///
  /// - Parameters:
  ///   - reader: The open file.
  ///   - position: The offset of the first byte to read.
  init(_ reader: MatFileReader, from position: Int = 0) {
    self.reader = reader
    self.position = position
  }

  /// Fills `bytes` from the file at ``position``.
  func read(into bytes: UnsafeMutableRawBufferPointer) throws(MatDamage) {
    let count = bytes.count
    if position < bufferStart || position + count > bufferStart + buffer.count {
      try fill(atLeast: count)
    }
    let start = position - bufferStart
    buffer.withUnsafeBytes { source in
      bytes.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + count]))
    }
    position += count
  }

  /// Moves `count` bytes on; the bytes are not read.
  func skip(_ count: Int) throws(MatDamage) {
    guard count <= reader.size - position else { throw ended(needing: count) }
    position += count
  }

  /// `byte 224`.
  func place(_ position: Int) -> String { "byte \(position)" }

  /// Reads the block at `position`, at least `count` bytes long.
  private func fill(atLeast count: Int) throws(MatDamage) {
    let length = max(count, Self.blockSize)
    var block = [UInt8](repeating: 0, count: length)
    let filled = try block.withUnsafeMutableBytes { bytes in
      Result { () throws(MatDamage) in try reader.read(into: bytes, at: position) }
    }.get()
    guard filled >= count else { throw ended(needing: count) }
    block.removeLast(length - filled)
    buffer = block
    bufferStart = position
  }

  /// The fault of a read past the end of the file (which the checks before every read rule out, unless the file
  /// shrank while it was read).
  private func ended(needing count: Int) -> MatDamage {
    MatDamage("the file ends before byte \(position + count), which is needed at \(place(position))")
  }
}
