/// Finds the known name closest to a misspelt one, for "did you mean …?" hints.
public enum NameSuggestion {
  /// The name in `candidates` with the smallest edit distance to `name`, when that distance is small enough
  /// to be a likely typo (at most a third of the name's length, and at least 1 allowed); otherwise `nil`.
  ///
  /// - Parameters:
  ///   - name: What the user wrote.
  ///   - candidates: The accepted names.
  public static func closest(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, name.count / 3 + 1)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(name.lowercased(), candidate)
      if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    return best?.name
  }

  /// The Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
  ///
  /// - Parameters:
  ///   - a: The first string.
  ///   - b: The second string.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let first = Array(a)
    let second = Array(b)
    if first.isEmpty { return second.count }
    var previous = Array(0...second.count)
    var current = previous
    for i in 1...first.count {
      current[0] = i
      for j in stride(from: 1, through: second.count, by: 1) {
        let substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[second.count]
  }
}
