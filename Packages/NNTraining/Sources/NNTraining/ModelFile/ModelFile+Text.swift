import Foundation
import NNCore

extension ModelFile {
  /// The encoder of every model file: keys sorted, slashes unescaped, one line.
  static func makeEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// The file's JSON text as bytes, ending in a newline: the same bytes JSONEncoder writes, with the matrices
  /// written by ``MatrixText``. Foundation's encoder writes the rest, the file without its weights and optimizer
  /// state; the weights and states go in the places their empty objects take in that text.
  ///
  /// - Throws: `EncodingError` when a weight or setting is not finite.
  func jsonBytes() throws -> [UInt8] {
    let encoder = Self.makeEncoder()
    var rest = self
    rest.weights = [:]
    rest.optimizer.state = [:]
    let restText = [UInt8](try encoder.encode(rest))
    var weightsRange: Range<Int>?
    var stateRange: Range<Int>?
    try restText.withUnsafeBufferPointer { bytes in
      let scanner = JSONPathScanner(bytes: bytes)
      try scanner.walk { path, start in
        let isWeights = path.count == 1 && scanner.matches(path[0], "weights")
        let isState = path.count == 2 && scanner.matches(path[0], "optimizer") && scanner.matches(path[1], "state")
        guard isWeights || isState, let end = scanner.valueEnd(from: start) else { return nil }
        if isWeights { weightsRange = start..<end } else { stateRange = start..<end }
        return end
      }
    }
    guard let weightsRange, let stateRange, !weightsRange.overlaps(stateRange) else {
      // Not the layout this writer knows: let Foundation write it all.
      return [UInt8](try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
    let slotCount = optimizer.state.values.reduce(0) { $0 + $1.slots.values.reduce(0) { $0 + $1.count } }
    let elementCount = weights.values.reduce(0) { $0 + $1.count } + slotCount
    var bytes: [UInt8] = []
    bytes.reserveCapacity(restText.count + 25 * elementCount + 1)  // Most numbers take 20 to 24 bytes.
    var copied = 0
    let places = [(weightsRange, true), (stateRange, false)].sorted { $0.0.lowerBound < $1.0.lowerBound }
    for (range, isWeights) in places {
      bytes.append(contentsOf: restText[copied..<range.lowerBound])
      if isWeights {
        try appendWeights(to: &bytes, encoder: encoder)
      } else {
        try appendOptimizerState(to: &bytes, encoder: encoder)
      }
      copied = range.upperBound
    }
    bytes.append(contentsOf: restText[copied...])
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  /// Appends the `weights` object: keys in the order of their UTF-8 bytes, as JSONEncoder sorts them.
  private func appendWeights(to bytes: inout [UInt8], encoder: JSONEncoder) throws {
    bytes.append(UInt8(ascii: "{"))
    for (index, key) in Self.sortedKeys(weights.keys).enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: try encoder.encode(key))
      bytes.append(UInt8(ascii: ":"))
      try Self.append(weights[key]!, at: ["weights", key], to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// Appends the `optimizer.state` object: each parameter's `{"slots":{…},"step":n}`.
  private func appendOptimizerState(to bytes: inout [UInt8], encoder: JSONEncoder) throws {
    bytes.append(UInt8(ascii: "{"))
    for (index, key) in Self.sortedKeys(optimizer.state.keys).enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: try encoder.encode(key))
      bytes.append(contentsOf: #":{"slots":{"#.utf8)
      let state = optimizer.state[key]!
      for (slotIndex, name) in Self.sortedKeys(state.slots.keys).enumerated() {
        if slotIndex > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: try encoder.encode(name))
        bytes.append(UInt8(ascii: ":"))
        try Self.append(state.slots[name]!, at: ["optimizer", "state", key, "slots", name], to: &bytes)
      }
      bytes.append(contentsOf: #"},"step":"#.utf8)
      JSONNumberText.append(state.step, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// Appends one matrix, or throws the error JSONEncoder throws for an element that is not finite.
  private static func append(_ matrix: Matrix, at path: [String], to bytes: inout [UInt8]) throws {
    guard let index = MatrixText.append(matrix, to: &bytes) else { return }
    let value = matrix.elements[index]
    let context = EncodingError.Context(
      codingPath: (path + ["elements"]).map(TextKey.init(stringValue:)),
      debugDescription:
        "Unable to encode \(matrix.elementType == .float32 ? "Float" : "Double").\(value) directly in JSON.")
    throw EncodingError.invalidValue(matrix.elementType == .float32 ? Float(value) as Any : value as Any, context)
  }

  /// Keys in the order JSONEncoder writes them with sorted keys: by their UTF-8 bytes.
  private static func sortedKeys(_ keys: some Collection<String>) -> [String] {
    keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}

/// A coding key made of text, for the paths of encoding errors.
private struct TextKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }

  init(stringValue: String) { self.stringValue = stringValue }

  init?(intValue: Int) { nil }
}
