import Foundation
import NNCore

/// The two-sphere data set of the sphere experiment: points uniform inside two unit balls, one per class.
///
/// MATLAB's original:
///
/// ```
/// c1 = SphereGenerate([1,1,1], num, 1);
/// c2 = SphereGenerate([-1,2,-7], num, 0);
/// samples = [c1;c2];
/// ```
///
/// Each point is drawn uniformly inside the ball by direction and radius: a direction `u = g / ‖g‖` from
/// three standard normal draws `g` (redrawn in the vanishingly rare case ‖g‖ = 0), and a radius `r = U^{1/3}`
/// with `U` uniform on `[0, 1)`, so that the radius's density `3r²` matches the volume of a shell. The point
/// is `centre + r·u`. Draws per point, in order: three normals, then one uniform.
public enum SphereData {
  /// The centre of the ball of class 1.
  public static let firstCentre = [1.0, 1.0, 1.0]
  /// The centre of the ball of class 0.
  public static let secondCentre = [-1.0, 2.0, -7.0]
  /// The column names of the generated matrix.
  public static let columnNames = ["x", "y", "z", "label"]

  /// Generates the samples: `count` points around (1, 1, 1) labelled 1, then `count` around (−1, 2, −7)
  /// labelled 0.
  ///
  /// - Parameters:
  ///   - count: The number of points per ball, at least 1 (the seed uses 100).
  ///   - random: The source of every draw.
  /// - Returns: A `2·count × 4` matrix whose rows are `x, y, z, label`.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when `count` is below 1.
  public static func generate(count: Int = 100, random: RandomSource) throws -> Matrix {
    guard count >= 1 else {
      throw DataError.invalidArgument(name: "count", problem: "expected at least 1 point per sphere, got \(count)")
    }
    var elements: [Double] = []
    elements.reserveCapacity(2 * count * 4)
    for (centre, label) in [(firstCentre, 1.0), (secondCentre, 0.0)] {
      for _ in 0..<count {
        let point = pointInUnitBall(random: random)
        for axis in 0..<3 { elements.append(centre[axis] + point[axis]) }
        elements.append(label)
      }
    }
    return Matrix(rows: 2 * count, columns: 4, elements: elements)
  }

  /// The samples as a classification data set: features x, y, z; classes "0" and "1".
  ///
  /// - Parameters:
  ///   - count: The number of points per ball, at least 1.
  ///   - random: The source of every draw.
  /// - Throws: ``DataError/invalidArgument(name:problem:)`` when `count` is below 1.
  public static func dataset(count: Int = 100, random: RandomSource) throws -> Dataset {
    let samples = try generate(count: count, random: random)
    let labels = (0..<samples.rows).map { Int(samples[$0, 3]) }
    return try Dataset(
      name: "sphere", features: MatLoader.removingColumn(3, from: samples), labels: labels,
      classNames: ["0", "1"], featureNames: Array(columnNames.prefix(3)))
  }

  /// A point uniform inside the unit ball: a uniform direction times the radius `U^{1/3}`.
  static func pointInUnitBall(random: RandomSource) -> [Double] {
    while true {
      let direction = [random.normal(), random.normal(), random.normal()]
      let length = (direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2])
        .squareRoot()
      guard length > 0 else { continue }
      let radius = Foundation.cbrt(random.uniform())
      return direction.map { $0 / length * radius }
    }
  }
}
