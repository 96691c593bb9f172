import CNNZlib

/// The bytes inflated from a compressed (version 7) element of a MAT file, as a ``MatByteSource``: its zlib stream
/// is inflated a block at a time, through two buffers of ``blockSize`` bytes, and never held whole.
///
/// One instance serves every compressed element of a file in turn (``start(elementOffset:dataOffset:count:)``
/// resets zlib's state instead of making another). Positions count the inflated bytes of the current element from 0.
/// The stream may take no more compressed bytes than the element declares: one that needs more is cut short, and one
/// that ends before the walk is done holds less than its content claims; both are damage. zlib's own errors (a bad
/// header, a bad checksum) are damage too.
final class MatInflatedBytes: MatByteSource {
  /// The size of the compressed and of the inflated buffer.
  static let blockSize = 16384

  /// The file.
  private let reader: MatFileReader
  /// The offset of the compressed element's tag, for messages.
  private var elementOffset = 0
  /// The file offset of the next compressed byte to read.
  private var inputOffset = 0
  /// The file offset just past the element's compressed bytes.
  private var inputEnd = 0
  /// How many compressed bytes the element declares.
  private var inputCount = 0
  /// zlib's state, at a fixed address (zlib keeps a pointer back to it).
  private let stream: UnsafeMutablePointer<z_stream>
  /// Compressed bytes read from the file.
  private let input: UnsafeMutableRawBufferPointer
  /// Inflated bytes; `output[outputStart..<outputEnd]` are not consumed yet.
  private let output: UnsafeMutableRawBufferPointer
  /// The first inflated byte not consumed.
  private var outputStart = 0
  /// Just past the last inflated byte in `output`.
  private var outputEnd = 0
  /// Whether zlib has been set up (and must be released).
  private var isStarted = false
  /// Whether the zlib stream has ended.
  private var hasEnded = false
  /// The inflated bytes of the current element consumed so far.
  private(set) var position = 0

  /// Sets zlib up to inflate the compressed elements of a file.
  ///
  /// - Parameter reader: The open file.
  /// - Throws: ``MatDamage`` when zlib cannot be set up (it is out of memory).
  init(_ reader: MatFileReader) throws(MatDamage) {
    self.reader = reader
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 8)
    output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.blockSize, alignment: 8)
    let status = nn_zlib_inflate_init(stream)
    guard status == Z_OK else { throw MatDamage("zlib cannot start inflating (status \(status))") }
    isStarted = true
  }

  deinit {
    if isStarted { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
    output.deallocate()
  }

  /// Starts on the data of a compressed element, from its first inflated byte.
  ///
  /// - Parameters:
  ///   - elementOffset: The offset of the element's tag, for messages.
  ///   - dataOffset: The offset of its first compressed byte.
  ///   - count: How many compressed bytes it declares (already checked to fit in the file).
  /// - Throws: ``MatDamage`` when zlib cannot be reset.
  func start(elementOffset: Int, dataOffset: Int, count: Int) throws(MatDamage) {
    let status = inflateReset(stream)
    guard status == Z_OK else { throw MatDamage("zlib cannot start inflating (status \(status))") }
    stream.pointee.avail_in = 0
    self.elementOffset = elementOffset
    inputOffset = dataOffset
    inputEnd = dataOffset + count
    inputCount = count
    outputStart = 0
    outputEnd = 0
    hasEnded = false
    position = 0
  }

  /// Fills `bytes` with the next inflated bytes.
  func read(into bytes: UnsafeMutableRawBufferPointer) throws(MatDamage) {
    var filled = 0
    try consume(bytes.count) { chunk in
      UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<filled + chunk.count]).copyMemory(from: chunk)
      filled += chunk.count
    }
  }

  /// Inflates and drops the next `count` bytes.
  func skip(_ count: Int) throws(MatDamage) {
    try consume(count) { _ in }
  }

  /// `inflated byte 40 of the compressed element at byte 128`.
  func place(_ position: Int) -> String {
    "inflated byte \(position) of the compressed element at byte \(elementOffset)"
  }

  /// Hands the next `count` inflated bytes to `body`, a buffer at a time.
  private func consume(_ count: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws(MatDamage) {
    var left = count
    while left > 0 {
      if outputStart == outputEnd {
        guard try inflateBlock() else {
          throw MatDamage(
            "the data inflated from the compressed element at byte \(elementOffset) ends after "
              + "\(SizeLimit.bytes(position)), before the \(SizeLimit.grouped(position + left)) its content needs")
        }
      }
      let taken = min(left, outputEnd - outputStart)
      body(UnsafeRawBufferPointer(rebasing: output[outputStart..<outputStart + taken]))
      outputStart += taken
      position += taken
      left -= taken
    }
  }

  /// Inflates the next block into `output`, reading compressed bytes as zlib needs them.
  ///
  /// - Returns: Whether any byte was inflated (`false` once the stream has ended).
  private func inflateBlock() throws(MatDamage) -> Bool {
    guard !hasEnded, let outputBase = output.baseAddress, let inputBase = input.baseAddress else { return false }
    stream.pointee.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = UInt32(output.count)
    while stream.pointee.avail_out == UInt32(output.count), !hasEnded {
      if stream.pointee.avail_in == 0, inputOffset < inputEnd {
        let count = min(input.count, inputEnd - inputOffset)
        let filled = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: input[0..<count]), at: inputOffset)
        guard filled == count else {
          throw MatDamage(
            "the file ends at byte \(inputOffset + filled), inside the compressed element at byte \(elementOffset)")
        }
        inputOffset += count
        stream.pointee.next_in = inputBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(count)
      }
      let status = inflate(stream, Z_NO_FLUSH)
      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        hasEnded = true
      case Z_BUF_ERROR where stream.pointee.avail_in == 0 && inputOffset == inputEnd:
        throw MatDamage(
          "the compressed element at byte \(elementOffset) ends after its \(SizeLimit.bytes(inputCount)), before its "
            + "zlib stream does")
      default:
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
        throw MatDamage("the compressed element at byte \(elementOffset) cannot be inflated: zlib reports \(reason)")
      }
    }
    outputStart = 0
    outputEnd = output.count - Int(stream.pointee.avail_out)
    return outputEnd > 0
  }
}
