import NNCore

/// A model file's text with its matrices taken out: the weights (`weights.<key>`) and the optimizer's slots
/// (`optimizer.state.<key>.slots.<slot>`) are read by ``MatrixText`` and each replaced in the text by an empty
/// matrix, so Foundation's coders decode only the small rest, strictly as ever.
///
/// A matrix is taken out only when ``MatrixText`` reads it as `Matrix`'s own decoding would, so the rest decodes
/// with the same result and the same first error as the whole text. A matrix that is not read that way stays in
/// the text, and Foundation's coders say what is wrong with it. The whole text is left to them when anything
/// could make the two differ: text that is not an object, or keys written with escapes, non-ASCII or twice in the
/// objects that lead to matrices.
struct SeparatedMatrices {
  /// The text, matrices replaced by ``MatrixText/placeholder``.
  var text: [UInt8] = []
  /// The weights taken out, by key.
  var weights: [String: Matrix] = [:]
  /// The optimizer slots taken out, by parameter key and slot name.
  var slots: [String: [String: Matrix]] = [:]

  /// Takes the matrices out of a model file's text; `nil` when the text is to be left whole to Foundation.
  ///
  /// - Parameter bytes: The file's text.
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    let scanner = JSONPathScanner(bytes: bytes)
    let first = scanner.skipSpace(from: 0)
    guard first < bytes.count, bytes[first] == UInt8(ascii: "{") else { return nil }
    text.reserveCapacity(64 * 1024)
    var copied = 0
    var keys: Set<[String]> = []
    do {
      try scanner.walk { path, start in
        guard let last = path.last else { return nil }
        if Self.leadsToMatrices(path.dropLast(), scanner) {
          guard scanner.isPlainKey(last), keys.insert(path.map(scanner.keyText)).inserted else {
            throw JSONPathScanner.Stop.declined
          }
        }
        let isWeight = path.count == 2 && scanner.matches(path[0], "weights")
        let isSlot =
          path.count == 5 && scanner.matches(path[0], "optimizer") && scanner.matches(path[1], "state")
          && scanner.matches(path[3], "slots")
        guard isWeight || isSlot, let (matrix, end) = MatrixText.read(bytes, at: start) else { return nil }
        text.append(contentsOf: bytes[copied..<start])
        MatrixText.placeholder.withUTF8Buffer { text.append(contentsOf: $0) }
        copied = end
        if isWeight {
          weights[scanner.keyText(path[1])] = matrix
        } else {
          slots[scanner.keyText(path[2]), default: [:]][scanner.keyText(path[4])] = matrix
        }
        return end
      }
    } catch {
      return nil
    }
    text.append(contentsOf: bytes[copied...])
  }

  /// Whether the object at `path` is one whose keys lead to matrices: the file itself, `weights`, `optimizer`,
  /// `optimizer.state`, a parameter's state in it, and its `slots`.
  private static func leadsToMatrices(_ path: ArraySlice<JSONPathScanner.Component>, _ scanner: JSONPathScanner)
    -> Bool
  {
    guard path.count <= 4 else { return false }
    let path = Array(path)
    guard path.allSatisfy({ if case .key = $0 { true } else { false } }) else { return false }
    switch path.count {
    case 0: return true
    case 1: return scanner.matches(path[0], "weights") || scanner.matches(path[0], "optimizer")
    case 2, 3: return scanner.matches(path[0], "optimizer") && scanner.matches(path[1], "state")
    case 4:
      return scanner.matches(path[0], "optimizer") && scanner.matches(path[1], "state")
        && scanner.matches(path[3], "slots")
    default: return false
    }
  }

  /// Puts the matrices taken out into `file`, decoded from ``text``; `false` when a matrix has no place there.
  ///
  /// - Parameter file: The model file decoded from ``text``.
  func restore(into file: inout ModelFile) -> Bool {
    for (key, matrix) in weights {
      guard file.weights[key] != nil else { return false }
      file.weights[key] = matrix
    }
    for (key, matrices) in slots {
      guard var state = file.optimizer.state[key] else { return false }
      for (name, matrix) in matrices {
        guard state.slots[name] != nil else { return false }
        state.slots[name] = matrix
      }
      file.optimizer.state[key] = state
    }
    return true
  }
}
