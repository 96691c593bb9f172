import NNCore
import NNLayers
import NNOptim

/// The registry the conformance suite runs over: every plugin of the framework.
enum TestRegistry {
  /// A registry of NNLayers and NNOptim.
  static func make() throws -> Registry {
    try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self])
  }

  /// The registry, or a failure in a test's setup.
  static let shared: Registry = {
    do { return try make() } catch { fatalError("the built-in plugins must register cleanly: \(error)") }
  }()
}

/// Random matrices for tests, from a seeded source.
extension Matrix {
  /// A matrix of uniform draws from `[minimum, maximum)`, keeping clear of `0` by `gap` (for kinks at 0).
  static func random(
    rows: Int, columns: Int, in random: RandomSource, minimum: Double = -2, maximum: Double = 2, gap: Double = 0
  ) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns {
        var value = random.uniform(from: minimum, to: maximum)
        while abs(value) < gap { value = random.uniform(from: minimum, to: maximum) }
        matrix[row, column] = value
      }
    }
    return matrix
  }

  /// One-hot rows: row `i` has a 1 in column `labels[i]`.
  static func oneHotRows(_ labels: [Int], classes: Int) -> Matrix {
    var matrix = Matrix(rows: labels.count, columns: classes)
    for (row, label) in labels.enumerated() { matrix[row, label] = 1 }
    return matrix
  }

  /// `Σ self ⊙ other`, the scalar whose gradient with respect to `self` is `other`.
  func dot(_ other: Matrix) -> Double {
    zip(elements, other.elements).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
