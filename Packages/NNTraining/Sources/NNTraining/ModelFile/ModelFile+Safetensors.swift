import Foundation
import NNCore

/// Model files as safetensors: one file that the `safetensors` Python package and PyTorch read directly.
///
/// ```
/// [8 bytes: N, little-endian] [N bytes: JSON header] [tensor bytes]
/// header: {"layers.0.weight": {"dtype": "F64", "shape": [4, 12], "data_offsets": [0, 384]}, …,
///          "__metadata__": {"format": "nn-model", "nn_model": "<the model file's JSON without its matrices>"}}
/// ```
/// Every weight is a tensor of the model's element type (`F64`, or `F32` for a float32 model) keyed by its path, as in the JSON model file (`layers.0.weight`, rows × columns
/// as nn stores them, inputs × units); each optimizer slot is `optimizer.<path>.<slot>`. The network, loss,
/// optimizer settings, step counts, standardisation, class names and training settings are the model file's JSON,
/// without the matrices, in the header's metadata. The header is padded with spaces to a multiple of 8 bytes.
extension ModelFile {
  /// The extension that selects this format for ``write(path:)`` and ``read(path:)``.
  public static let safetensorsExtension = "safetensors"

  /// The key of an optimizer slot's tensor.
  ///
  /// - Parameters:
  ///   - path: The parameter's path (`layers.0.weight`).
  ///   - slot: The slot's name (`momentum_buffer`).
  static func slotKey(_ path: String, _ slot: String) -> String { "optimizer.\(path).\(slot)" }

  /// The model as safetensors bytes.
  ///
  /// - Throws: `EncodingError` when a setting is not finite.
  public func safetensorsBytes() throws -> [UInt8] {
    var tensors: [(key: String, matrix: Matrix)] = weights.map { ($0.key, $0.value) }
    for (path, state) in optimizer.state {
      for (slot, matrix) in state.slots { tensors.append((Self.slotKey(path, slot), matrix)) }
    }
    tensors.sort { $0.key < $1.key }
    var rest = self
    rest.weights = [:]
    rest.optimizer.state = optimizer.state.mapValues { StoredParameterState(step: $0.step, slots: [:]) }
    let restText = String(decoding: try Self.makeEncoder().encode(rest), as: UTF8.self)
    var header: [String: Any] = ["__metadata__": ["format": Self.formatName, "nn_model": restText]]
    var offset = 0
    for (key, matrix) in tensors {
      let size = matrix.count * matrix.elementType.bytesPerElement
      header[key] = [
        "dtype": Self.tensorType(matrix.elementType), "shape": [matrix.rows, matrix.columns],
        "data_offsets": [offset, offset + size],
      ]
      offset += size
    }
    var headerBytes = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(8 + headerBytes.count + offset)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes += headerBytes
    for (_, matrix) in tensors {
      switch matrix.elementType {
      case .float64:
        for value in matrix.elementArray(as: Double.self) {
          withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
      case .float32:
        for value in matrix.elementArray(as: Float.self) {
          withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
      }
    }
    return bytes
  }

  /// The safetensors name of an element type: `F64` or `F32`.
  static func tensorType(_ elementType: ElementType) -> String {
    switch elementType {
    case .float64: "F64"
    case .float32: "F32"
    }
  }

  /// Reads a model from safetensors bytes, checking every size before it is used.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents.
  ///   - source: What they came from (a path), for messages.
  /// - Throws: ``ModelFileError/invalidContent(path:reason:)`` naming what is wrong.
  public init(safetensors bytes: Data, source: String) throws(ModelFileError) {
    func invalid(_ reason: String) -> ModelFileError { .invalidContent(path: source, reason: reason) }
    guard bytes.count >= 8 else { throw invalid("a safetensors file starts with 8 bytes of header length") }
    let length = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    guard length <= UInt64(bytes.count - 8) else {
      throw invalid("the header claims \(length) bytes, but the file has \(bytes.count - 8) after its length")
    }
    let dataStart = 8 + Int(length)
    let headerData = bytes.subdata(in: bytes.startIndex + 8..<bytes.startIndex + dataStart)
    guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
      throw invalid("the header is not a JSON object")
    }
    guard let metadata = header["__metadata__"] as? [String: String], metadata["format"] == Self.formatName,
      let text = metadata["nn_model"]
    else {
      throw invalid("the header's __metadata__ has no nn model (format \"\(Self.formatName)\" and nn_model)")
    }
    var file = try ModelFile(jsonData: Data(text.utf8), source: source + " (__metadata__.nn_model)")
    let dataCount = bytes.count - dataStart
    var tensors: [String: Matrix] = [:]
    for (key, value) in header where key != "__metadata__" {
      guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
        let elementType = ElementType.allCases.first(where: { Self.tensorType($0) == dtype }),
        let shape = entry["shape"] as? [Int], shape.count == 2, shape.allSatisfy({ $0 >= 0 }),
        let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
      else {
        throw invalid("tensor '\(key)': expected dtype F64 or F32, a shape of 2 dimensions and 2 data_offsets")
      }
      let width = elementType.bytesPerElement
      let (count, overflow) = shape[0].multipliedReportingOverflow(by: shape[1])
      guard !overflow, count <= Int.max / width, offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataCount,
        offsets[1] - offsets[0] == count * width
      else {
        throw invalid(
          "tensor '\(key)': shape \(shape) needs \(shape[0] &* shape[1] &* width) bytes, data_offsets \(offsets) "
            + "in \(dataCount) bytes of data")
      }
      let start = bytes.startIndex + dataStart + offsets[0]
      tensors[key] =
        switch elementType {
        case .float64:
          Matrix(
            rows: shape[0], columns: shape[1],
            elements: Self.littleEndianElements(bytes, from: start, count: count, as: UInt64.self).map {
              Double(bitPattern: $0)
            })
        case .float32:
          Matrix(
            rows: shape[0], columns: shape[1],
            elements: Self.littleEndianElements(bytes, from: start, count: count, as: UInt32.self).map {
              Float(bitPattern: $0)
            })
        }
    }
    for (path, state) in file.optimizer.state {
      var slots: [String: Matrix] = [:]
      for (key, matrix) in tensors where key.hasPrefix("optimizer.\(path).") {
        slots[String(key.dropFirst("optimizer.\(path).".count))] = matrix
      }
      file.optimizer.state[path] = StoredParameterState(step: state.step, slots: slots)
    }
    file.weights = tensors.filter { !$0.key.hasPrefix("optimizer.") }
    self = file
  }

  /// `count` little-endian integers of `type`'s width from `bytes` at `start`.
  private static func littleEndianElements<Bits: FixedWidthInteger>(
    _ bytes: Data, from start: Int, count: Int, as type: Bits.Type
  ) -> [Bits] {
    var elements = [Bits](repeating: 0, count: count)
    elements.withUnsafeMutableBytes { target in
      _ = bytes.copyBytes(to: target, from: start..<start + count * MemoryLayout<Bits>.size)
    }
    return elements.map { Bits(littleEndian: $0) }
  }
}
