import NNCore
import NNLayers
import NNOptim

/// The registry of nn's own components.
enum TestRegistry {
  /// A registry of NNLayers and NNOptim.
  static let shared: Registry = {
    do { return try Registry(plugins: [NNLayersPlugin.self, NNOptimPlugin.self]) } catch {
      fatalError("the built-in plugins must register cleanly: \(error)")
    }
  }()
}

extension Matrix {
  /// A matrix of uniform draws from `[minimum, maximum)`.
  static func random(rows: Int, columns: Int, in random: RandomSource, minimum: Double, maximum: Double) -> Matrix {
    var matrix = Matrix(rows: rows, columns: columns)
    for row in 0..<rows {
      for column in 0..<columns { matrix[row, column] = random.uniform(from: minimum, to: maximum) }
    }
    return matrix
  }
}
