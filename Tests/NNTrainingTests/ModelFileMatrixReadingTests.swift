import Foundation
import NNCore
import Testing

@testable import NNTraining

/// Reading a model file with its matrices read apart gives exactly what Foundation's coders alone give: the same
/// file, bit for bit, or the same error, whatever the text.
@Suite("model file: matrices read apart")
struct ModelFileMatrixReadingTests {
  /// How reading a text ended: the file, or the error's one line.
  enum Outcome: Equatable, CustomStringConvertible {
    case file(ModelFile)
    case failure(String)

    var description: String {
      switch self {
      case .file: "a model file"
      case .failure(let message): message
      }
    }
  }

  /// Reads `text` as ``ModelFile/init(jsonData:source:)`` does.
  static func read(_ text: [UInt8]) -> Outcome {
    do { return .file(try ModelFile(jsonData: Data(text), source: "model.json")) } catch {
      return .failure(error.description)
    }
  }

  /// Reads `text` with Foundation's coders alone, as before matrices were read apart.
  static func readWithFoundation(_ text: [UInt8]) -> Outcome {
    do { return .file(try ModelFile.decodedWithFoundation(Data(text), source: "model.json")) } catch {
      return .failure(error.description)
    }
  }

  /// Expects both readings of `text` to end the same way, with the same bits in every matrix.
  static func expectSameOutcome(_ text: [UInt8], _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let outcome = read(text)
    let expected = readWithFoundation(text)
    #expect(outcome == expected, "\(comment)", sourceLocation: sourceLocation)
    if case .file(let file) = outcome, case .file(let reference) = expected {
      #expect(bits(file) == bits(reference), "\(comment)", sourceLocation: sourceLocation)
    }
  }

  /// Every matrix element's bits, by path, so that −0.0 and 0.0 differ.
  static func bits(_ file: ModelFile) -> [String: [UInt64]] {
    var bits = file.weights.mapValues { $0.elements.map(\.bitPattern) }
    for (key, state) in file.optimizer.state {
      for (slot, matrix) in state.slots { bits["\(key)/\(slot)"] = matrix.elements.map(\.bitPattern) }
    }
    return bits
  }

  /// The fixture's saved text.
  static func savedText() throws -> [UInt8] {
    let file = ModelFile(
      trainer: try ModelFileFixture.trainer(), standardization: try ModelFileFixture.standardization(),
      classNames: ["a", "b"])
    return Array(try file.jsonData())
  }

  /// `text` with the first `original` replaced by `replacement`.
  static func replacing(_ original: String, with replacement: String, in text: [UInt8]) throws -> [UInt8] {
    let string = String(decoding: text, as: UTF8.self)
    let range = try #require(string.range(of: original), "\(original) is in the text")
    return Array(string.replacingCharacters(in: range, with: replacement).utf8)
  }

  @Test("a saved file and one written by JSONSerialization (other key order, escaped slashes) are read apart")
  func readsApart() throws {
    let text = try Self.savedText()
    let object = try JSONSerialization.jsonObject(with: Data(text))
    let other = Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]))
    for version in [text, other] {
      let separated = try #require(version.withUnsafeBufferPointer { SeparatedMatrices($0) })
      #expect(separated.weights.count == 4 && separated.slots.count == 4)
      let rest = String(decoding: separated.text, as: UTF8.self)
      #expect(rest.components(separatedBy: String(describing: MatrixText.placeholder)).count == 9, "\(rest)")
      Self.expectSameOutcome(version, "whole file")
    }
  }

  @Test(
    "texts that could read differently are left whole to Foundation",
    arguments: [
      (#""weights":{"#, #""weights":{"layers.0.weight":{"columns":0,"elements":[],"rows":0},"#),  // A key twice.
      (#""layers.0.bias":{"#, #""layers.0.\u0062ias":{"#),  // An escaped key.
      (#""optimizer":{"#, #""weights":{},"optimizer":{"#),  // Weights twice.
      (#""class_names":"#, #""cl\u00e4ss":0,"class_names":"#),  // A key that is not ASCII.
    ])
  func leftWhole(original: String, replacement: String) throws {
    let text = try Self.replacing(original, with: replacement, in: try Self.savedText())
    #expect(text.withUnsafeBufferPointer { SeparatedMatrices($0) } == nil)
    Self.expectSameOutcome(text, replacement)
  }

  /// The start of the weight `layers.0.weight` (3×5) in a saved text.
  static let weightStart = #""layers.0.weight":{"columns":5,"elements":["#
  /// The end of that weight.
  static let weightEnd = #""rows":3},"layers.2.bias""#

  /// Breakages of `layers.0.weight`: the replacements, and a part of the message.
  static let breakages: [(replacements: [(String, String)], message: String)] = [
    (
      [(weightEnd, #""rows":2},"layers.2.bias""#)],
      "'weights.layers.0.weight.elements': a 2×5 matrix needs 2·5 elements, found 15"
    ),
    (
      [
        (weightStart, #""layers.0.weight":{"columns":4294967296,"elements":["#),
        (weightEnd, #""rows":4294967296},"layers.2.bias""#),
      ],
      "'weights.layers.0.weight.elements': a 4294967296×4294967296 matrix needs 4294967296·4294967296 elements, found 15"
    ),
    (
      [(weightEnd, #""rows":-3},"layers.2.bias""#)],
      "'weights.layers.0.weight.rows': a matrix shape must not be negative, got -3×5"
    ),
    ([(weightStart, weightStart + #""x","#)], "'weights.layers.0.weight.elements[0]' has the wrong type"),
    ([(weightStart, weightStart + "null,")], "'weights.layers.0.weight.elements[0]' is null"),
    ([(weightStart, weightStart + "1.2.3,")], "this is not a model file: it is not valid JSON"),
    ([(weightStart, weightStart + "NaN,")], "this is not a model file: it is not valid JSON"),
    ([(weightStart, weightStart + "1e400,")], "this is not a model file: it is not valid JSON"),
    ([(weightStart, weightStart + "01,")], "this is not a model file: it is not valid JSON"),
    // Foundation's decoder rejects a non-zero number that rounds to zero without naming it.
    ([(weightStart, weightStart + "1e-400,")], "'': The given data was not valid JSON."),
  ]

  @Test("broken matrices give Foundation's messages, naming the key", arguments: breakages)
  func brokenMatrices(replacements: [(String, String)], message: String) throws {
    var text = try Self.savedText()
    for (original, replacement) in replacements { text = try Self.replacing(original, with: replacement, in: text) }
    guard case .failure(let failure) = Self.read(text) else {
      Issue.record("\(replacements) was accepted")
      return
    }
    #expect(failure.hasPrefix("model.json: "))
    #expect(failure.contains(message), "\(failure)")
    Self.expectSameOutcome(text, "\(replacements)")
  }

  @Test("an optimizer slot that is broken is named by its whole path")
  func brokenSlot() throws {
    let start = #""momentum_buffer":{"columns":5,"elements":["#
    let text = try Self.replacing(start, with: start + #""x","#, in: try Self.savedText())
    guard case .failure(let failure) = Self.read(text) else {
      Issue.record("accepted")
      return
    }
    #expect(
      failure.contains("'optimizer.state.layers.0.bias.slots.momentum_buffer.elements[0]' has the wrong type"),
      "\(failure)")
    Self.expectSameOutcome(text, "slot")
  }

  @Test("a file cut anywhere is not valid JSON, as with Foundation alone")
  func truncated() throws {
    let text = try Self.savedText()
    for length in stride(from: 0, to: text.count, by: 7) {
      let prefix = Array(text.prefix(length))
      #expect(Self.read(prefix) == .failure("model.json: this is not a model file: it is not valid JSON"))
    }
  }

  @Test("random damage, one fault at a time: the same file or the same error as Foundation alone")
  func randomDamage() throws {
    let text = try Self.savedText()
    let bytes: [UInt8] = Array(#"{}[],:"\-+.eE019 na"#.utf8) + [0, 0x0A, 0xC3, 0xFF]
    var generator = SystemRandomNumberGenerator()
    for round in 0..<2_000 {
      var damaged = text
      let at = Int.random(in: 0..<damaged.count, using: &generator)
      switch Int.random(in: 0..<4, using: &generator) {
      case 0: damaged[at] = bytes.randomElement(using: &generator)!
      case 1: damaged.remove(at: at)
      case 2: damaged.insert(bytes.randomElement(using: &generator)!, at: at)
      default: damaged.insert(damaged[at], at: at)
      }
      Self.expectSameOutcome(damaged, "round \(round): \(String(decoding: damaged, as: UTF8.self))")
    }
  }

  @Test("garbage, deep nesting and huge shapes: no crash, the same outcome as Foundation alone")
  func garbage() throws {
    var generator = SystemRandomNumberGenerator()
    let saved = String(decoding: try Self.savedText(), as: UTF8.self)
    let texts: [[UInt8]] = [
      (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) },
      Array(("{\"training\":" + String(repeating: "[", count: 200_000)).utf8),
      Array(("{\"weights\":{\"a\":" + String(repeating: "{\"b\":", count: 200_000)).utf8),
      Array(
        saved.replacingOccurrences(
          of: #""rows":3},"layers.2.bias""#, with: #""rows":999999999999999999},"layers.2.bias""#
        ).utf8),
      Array(
        saved.replacingOccurrences(
          of: #""rows":3},"layers.2.bias""#, with: #""rows":99999999999999999999999},"layers.2.bias""#
        ).utf8),
      Array("\u{FEFF}".utf8) + Array(saved.utf8),
      Array(("  \n" + saved + " \t\r\n").utf8),
      Array(saved.utf8) + Array("{}".utf8),
      Array("{}".utf8), Array("[]".utf8), Array("null".utf8), [],
    ]
    for text in texts { Self.expectSameOutcome(text, String(decoding: text.prefix(80), as: UTF8.self)) }
  }

  @Test("two faults in two optimizer states: either is named, as Foundation names either")
  func twoFaults() throws {
    // Foundation's decoder visits a dictionary's entries in the order of its hash table, which changes from one
    // process to the next, so with two faults it names one or the other.
    var text = try Self.savedText()
    text = try Self.replacing(
      #""layers.0.bias":{"slots":{"momentum_buffer":{"columns""#,
      with: #""layers.0.bias":{"slots":{"momentum_buffer":{"c""#, in: text)
    text = try Self.replacing(
      #""layers.2.weight":{"slots":{"momentum_buffer":{"columns""#,
      with: #""layers.2.weight":{"slots":{"momentum_buffer":{"c""#, in: text)
    let either = [
      "model.json: missing key 'optimizer.state.layers.0.bias.slots.momentum_buffer.columns'",
      "model.json: missing key 'optimizer.state.layers.2.weight.slots.momentum_buffer.columns'",
    ]
    for outcome in [Self.read(text), Self.readWithFoundation(text)] {
      #expect(either.contains(outcome.description), "\(outcome)")
    }
  }

  @Test("a larger model round-trips bit for bit, in the bytes JSONEncoder writes")
  func largerModel() throws {
    var generator = SystemRandomNumberGenerator()
    func randomMatrix(_ rows: Int, _ columns: Int) -> Matrix {
      Matrix(
        rows: rows, columns: columns,
        elements: (0..<rows * columns).map { _ in
          var value: Double
          repeat { value = Double(bitPattern: generator.next()) } while !value.isFinite
          return value
        })
    }
    var file = ModelFile(trainer: try ModelFileFixture.trainer())
    for key in file.weights.keys {
      let shape = file.weights[key]!
      file.weights[key] = randomMatrix(shape.rows, shape.columns)
      file.optimizer.state[key]!.slots["momentum_buffer"] = randomMatrix(shape.rows, shape.columns)
    }
    file.weights["layers.0.weight"] = Matrix(
      rows: 3, columns: 5,
      elements: [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e308] + (0..<10).map { 1e-300 * Double($0) }
    )
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let text = Array(try file.jsonData())
    #expect(text == Array(try encoder.encode(file)) + [UInt8(ascii: "\n")])
    guard case .file(let read) = Self.read(text) else {
      Issue.record("not read")
      return
    }
    #expect(read == file)
    #expect(Self.bits(read) == Self.bits(file))
  }
}
