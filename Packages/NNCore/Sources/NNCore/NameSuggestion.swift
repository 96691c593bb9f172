/// Finds the known name closest to a misspelt one, for "did you mean …?" hints.
@_spi(Internals) public enum NameSuggestion {
  /// The name in `candidates` with the smallest edit distance to `name`, when that distance is small enough
  /// to be a likely typo (at most a third of the name's length, rounded down, and at least 1 allowed);
  /// otherwise `nil`. On ties the earlier candidate wins.
  ///
  /// - Parameters:
  ///   - name: What the user wrote.
  ///   - candidates: The accepted names.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(name.lowercased(), candidate)
      if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    return best?.name
  }

  /// The edit distance counting insertions, deletions, substitutions and swaps of two neighbouring characters
  /// as one edit each (optimal string alignment), since swapped letters are the commonest typo (`rleu`).
  ///
  /// ```
  /// d(i, j) = min(d(i−1, j) + 1, d(i, j−1) + 1, d(i−1, j−1) + [aᵢ ≠ bⱼ],
  ///               d(i−2, j−2) + 1  if aᵢ = bⱼ₋₁ and aᵢ₋₁ = bⱼ)
  /// ```
  ///
  /// - Parameters:
  ///   - a: The first string.
  ///   - b: The second string.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let first = Array(a)
    let second = Array(b)
    if first.isEmpty { return second.count }
    if second.isEmpty { return first.count }
    var beforePrevious = Array(repeating: 0, count: second.count + 1)
    var previous = Array(0...second.count)
    var current = previous
    for i in 1...first.count {
      current[0] = i
      for j in 1...second.count {
        let substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        if i > 1, j > 1, first[i - 1] == second[j - 2], first[i - 2] == second[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[second.count]
  }
}
