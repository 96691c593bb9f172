@_spi(Internals) import NNCore
import Testing

/// `NameSuggestion`: edit distances (with swaps of neighbours as one edit) worked out by hand and the "did you mean" choice.
@Suite("Name suggestions")
struct NameSuggestionTests {
  @Test(
    "edit distances match hand-worked examples",
    arguments: [
      // kitten → sitten (substitute) → sittin (substitute) → sitting (insert): 3.
      ("kitten", "sitting", 3),
      // flaw → law (delete) → lawn (insert): 2.
      ("flaw", "lawn", 2),
      // intention → execution: the textbook example, 5 (delete i, n→e, t→x, insert c, n→u).
      ("intention", "execution", 5),
      ("", "", 0),
      ("", "abc", 3),
      ("abc", "", 3),
      ("relu", "relu", 0),
      // Swapping two neighbouring characters is one edit.
      ("rleu", "relu", 1),
      ("ab", "ba", 1),
      // ca → abc: optimal string alignment edits no substring twice, so 3 (not the unrestricted 2).
      ("ca", "abc", 3),
      ("sigmoid", "sigmod", 1),
      ("tanh", "than", 2),
      ("a", "b", 1),
      ("abc", "xyz", 3),
      // Characters, not bytes: é is one character.
      ("café", "cafe", 1),
    ])
  func editDistance(first: String, second: String, expected: Int) {
    #expect(NameSuggestion.editDistance(first, second) == expected)
    #expect(NameSuggestion.editDistance(second, first) == expected)
  }

  static let activations = ["elu", "leaky_relu", "relu", "selu", "sigmoid", "softmax", "tanh"]

  @Test(
    "the closest known name is suggested for a typo",
    arguments: [
      ("reluu", "relu"), ("relv", "relu"), ("sigmod", "sigmoid"), ("sigmiod", "sigmoid"), ("softmx", "softmax"),
      ("leaky_rel", "leaky_relu"), ("lekay_relu", "leaky_relu"), ("tanh", "tanh"), ("tnh", "tanh"),
    ])
  func suggestsClosest(name: String, expected: String) {
    #expect(NameSuggestion.closest(to: name, among: Self.activations) == expected)
  }

  @Test("the smallest distance wins over an earlier candidate")
  func smallestDistanceWins() {
    // "sel": to "elu" 2 (delete s, insert u), to "selu" 1 (insert u).
    #expect(NameSuggestion.closest(to: "sel", among: ["elu", "selu"]) == "selu")
    #expect(NameSuggestion.closest(to: "sel", among: ["selu", "elu"]) == "selu")
  }

  @Test(
    "far-off names get no suggestion",
    arguments: ["convolution", "dropout", "x", "batch_norm", "mish"])
  func noSuggestionForFarNames(name: String) {
    #expect(NameSuggestion.closest(to: name, among: Self.activations) == nil)
  }

  @Test("no candidates give no suggestion")
  func noCandidates() {
    #expect(NameSuggestion.closest(to: "relu", among: []) == nil)
  }

  /// The documented limit: "at most a third of the name's length, and at least 1".
  static func documentedLimit(forLength length: Int) -> Int { max(1, length / 3) }

  @Test(
    "a suggestion is made exactly when the distance is within a third of the name's length (at least 1)",
    arguments: [
      // (typed name, candidate), distances by hand.
      ("ab", "xy"),  // 2 edits, 2 characters: limit 1.
      ("abc", "axy"),  // 2 edits, 3 characters: limit 1.
      ("tnah", "tanh"),  // 1 edit (a swap), 4 characters: limit 1.
      ("sigmdi", "sigmoid"),  // 2 edits (an insertion, a swap), 6 characters: limit 2.
      ("sgmdi", "sigmoid"),  // 3 edits (two insertions, a swap), 5 characters: limit 1.
      ("leaky_rlue", "leaky_relu"),  // 1 edit (a swap), 10 characters: limit 3.
      ("lky_rlue", "leaky_relu"),  // 3 edits (two insertions, a swap), 8 characters: limit 2.
      ("a", "b"),  // 1 edit, 1 character: limit 1.
    ])
  func limitFollowsDocumentation(name: String, candidate: String) {
    let distance = NameSuggestion.editDistance(name, candidate)
    let expected = distance <= Self.documentedLimit(forLength: name.count) ? candidate : nil
    #expect(
      NameSuggestion.closest(to: name, among: [candidate]) == expected,
      "distance \(distance), documented limit \(Self.documentedLimit(forLength: name.count))")
  }
}
