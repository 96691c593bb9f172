import Foundation
import NNCore
import NNLayers

/// The layer specification syntax for a whole network, first layer to last, as `nn train --network` reads it.
///
/// ```
/// dense(12),sigmoid,dense(6),relu,dropout(0.2),dense(3),softmax
/// ```
/// The text is a comma-separated list of registry layer specifications (`nn list layers`): a layer such as
/// `dense(12, bias=false)`, `dropout(0.5)`, `maxout(8, pieces=3)`, or any activation by name. Commas inside
/// parentheses or quotes belong to that layer's arguments; spaces around a layer are ignored. Each layer
/// is made through `Registry.layer(_:)`; a bad piece is reported with its position.
public enum NetworkSpecification {
  /// The layers that `text` specifies, first to last.
  ///
  /// - Parameters:
  ///   - text: Comma-separated layer specifications, such as `dense(12),sigmoid,dense(3),softmax`.
  ///   - registry: Where the layers are found by name.
  /// - Throws: ``NetworkSpecificationError`` naming the position and text of the first bad layer and why:
  ///   an empty piece, unbalanced parentheses or quotes, an unknown name (with the closest known one), a
  ///   missing or invalid argument.
  public static func layers(from text: String, registry: Registry) throws -> [any Layer] {
    try pieces(of: text).enumerated().map { index, piece in
      do {
        return try registry.layer(piece)
      } catch let error as ComponentError {
        throw NetworkSpecificationError(specification: text, position: index + 1, piece: piece, reason: "\(error)")
      }
    }
  }

  /// Splits `text` at the commas outside parentheses and quotes, trimming each piece.
  ///
  /// - Parameter text: A network specification.
  /// - Throws: ``NetworkSpecificationError`` for an empty text or piece, a `)` that closes nothing, a `(`
  ///   never closed, or a quote never closed.
  public static func pieces(of text: String) throws -> [String] {
    guard !text.allSatisfy(\.isWhitespace) else {
      throw NetworkSpecificationError(
        specification: text, position: 0, piece: "",
        reason: "it names no layer; expected comma-separated layers such as dense(12),sigmoid,dense(3),softmax")
    }
    var pieces: [String] = []
    var current = ""
    var depth = 0
    var openings: [Int] = []
    var quote: Character?
    var problem: String?
    func finish() throws {
      let piece = current.trimmingCharacters(in: .whitespaces)
      let position = pieces.count + 1
      if let problem {
        throw NetworkSpecificationError(specification: text, position: position, piece: piece, reason: problem)
      }
      guard !piece.isEmpty else {
        throw NetworkSpecificationError(
          specification: text, position: position, piece: piece,
          reason: "the layer is empty (two commas in a row, or a comma at either end)")
      }
      pieces.append(piece)
      current = ""
    }
    for (offset, character) in text.enumerated() {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "(" {
        depth += 1
        openings.append(offset + 1)
      } else if character == ")" {
        if depth == 0 {
          problem = problem ?? "the ')' at character \(offset + 1) closes no '('"
        } else {
          depth -= 1
          openings.removeLast()
        }
      } else if character == ",", depth == 0 {
        try finish()
        continue
      }
      current.append(character)
    }
    if let open = quote {
      problem = problem ?? "a quoted argument lacks its closing \(open)"
    } else if let opening = openings.first {
      problem = problem ?? "the '(' at character \(opening) is never closed"
    }
    try finish()
    return pieces
  }

  /// The layers of one hidden stage of `--layers` with `--activation`: `dense(width)` then the activation
  /// as a layer, or for a maxout activation (`maxout`, `maxout(pieces=3)`, `maxout(3)`) one
  /// `maxout(units=width, pieces=k)` layer, which computes `yⱼ = maxₚ (x·W + b)_{j·k+p}` for `j < width`.
  ///
  /// - Parameters:
  ///   - width: The stage's number of outputs.
  ///   - activation: The activation's specification, such as `relu` or `maxout(pieces=2)`.
  ///   - bias: Whether the stage's linear part has a bias (a `bias=` in a maxout specification wins).
  ///   - registry: Where the activation is found by name.
  /// - Throws: ``/NNCore/ComponentError`` for a bad activation (or a maxout `units`, which comes from `width`).
  public static func hiddenStage(width: Int, activation: String, bias: Bool, registry: Registry) throws -> [any Layer] {
    let request = try ComponentRequest(parsing: activation)
    guard request.name == "maxout" else {
      return [try Dense(units: width, bias: bias), try registry.layer(request)]
    }
    guard request.named["units"] == nil else {
      throw ComponentError.invalidArgument(
        component: "maxout", parameter: "units",
        reason: "comes from the hidden layer widths when maxout is the activation")
    }
    var maxout = ComponentRequest(
      name: "maxout", positional: [.integer(width)] + request.positional, named: request.named)
    if maxout.named["bias"] == nil, maxout.positional.count < 3 { maxout.named["bias"] = .boolean(bias) }
    return [try registry.layer(maxout)]
  }
}
