/// Central finite differences: the independent oracle analytic gradients are checked against.
public enum FiniteDifference {
  /// The gradient of `function` at `point` by central differences: `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h`.
  ///
  /// - Parameters:
  ///   - point: Where to differentiate.
  ///   - step: The step `h`, scaled by `max(1, |xᵢ|)` for each element.
  ///   - function: The scalar function.
  public static func gradient(
    at point: Matrix, step: Double = 1e-6, of function: (Matrix) -> Double
  ) -> Matrix {
    var result = Matrix(rows: point.rows, columns: point.columns)
    var probe = point
    for row in 0..<point.rows {
      for column in 0..<point.columns {
        let original = point[row, column]
        let h = step * max(1, abs(original))
        probe[row, column] = original + h
        let above = function(probe)
        probe[row, column] = original - h
        let below = function(probe)
        probe[row, column] = original
        result[row, column] = (above - below) / (2 * h)
      }
    }
    return result
  }

  /// The largest relative error between two gradients: `max |a − b| / max(1e-8, |a| + |b|)` over elements
  /// where either is larger than `absoluteFloor`, else the absolute difference.
  ///
  /// - Parameters:
  ///   - computed: The analytic gradient.
  ///   - expected: The finite-difference gradient.
  ///   - absoluteFloor: Below this magnitude, differences are compared absolutely.
  public static func maximumRelativeError(_ computed: Matrix, _ expected: Matrix, absoluteFloor: Double = 1e-7)
    -> Double
  {
    precondition(computed.rows == expected.rows && computed.columns == expected.columns, "shapes differ")
    var worst = 0.0
    for (a, b) in zip(computed.elements, expected.elements) {
      let scale = abs(a) + abs(b)
      let error = scale > absoluteFloor ? abs(a - b) / scale : abs(a - b)
      worst = max(worst, error)
    }
    return worst
  }
}
