/// Reduces a long line to a drawable number of points without hiding its spikes.
enum ChartThinning {
  /// At most about `maximumCount` of `points`: the points are cut into `maximumCount / 2` runs of
  /// consecutive points, and each run keeps its lowest and its highest point, in their original order.
  /// A run holding a non-finite point also keeps its first such point, so the line stays broken there.
  /// Lines of `maximumCount` points or fewer are returned unchanged.
  ///
  /// - Parameters:
  ///   - points: The line, x ascending.
  ///   - maximumCount: The most points wanted, at least 2.
  static func thinned(_ points: [ChartPoint], maximumCount: Int = 2000) -> [ChartPoint] {
    let bucketCount = max(maximumCount / 2, 1)
    guard points.count > maximumCount else { return points }
    var kept: [ChartPoint] = []
    kept.reserveCapacity(maximumCount + 16)
    for bucket in 0..<bucketCount {
      let start = bucket * points.count / bucketCount
      let end = (bucket + 1) * points.count / bucketCount
      var lowest: Int?
      var highest: Int?
      var broken: Int?
      for index in start..<end {
        let point = points[index]
        guard point.x.isFinite && point.y.isFinite else {
          if broken == nil { broken = index }
          continue
        }
        if lowest.map({ point.y < points[$0].y }) ?? true { lowest = index }
        if highest.map({ point.y > points[$0].y }) ?? true { highest = index }
      }
      let indices = Set([lowest, highest, broken].compactMap { $0 }).sorted()
      kept.append(contentsOf: indices.map { points[$0] })
    }
    return kept
  }
}
