import Foundation
@_spi(Internals) import NNLayers
@_spi(Internals) import NNTraining
import Testing

/// The open JSON value of a model file's `training` object: each kind of value decodes to its own case, and
/// integers keep every digit.
@Suite("model file: JSON values")
struct JSONValueTests {
  @Test("each JSON value decodes to its case and encodes back to the same JSON")
  func cases() throws {
    let text = """
      {"zero": 0, "one": 1, "negative": -7, "true": true, "false": false, "fraction": 2.5, "huge": 1e300,
       "largest": 18446744073709551615, "null": null, "text": "1", "list": [1, "a"], "object": {"b": false}}
      """
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    let expected = JSONValue.object([
      "zero": .integer(0), "one": .integer(1), "negative": .integer(-7), "true": .bool(true), "false": .bool(false),
      "fraction": .number(2.5), "huge": .number(1e300), "largest": .unsignedInteger(UInt64.max), "null": .null,
      "text": .string("1"), "list": .array([.integer(1), .string("a")]), "object": .object(["b": .bool(false)]),
    ])
    #expect(value == expected)
    let again = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? NSDictionary
    let original = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
    #expect(again == original)
  }
}
