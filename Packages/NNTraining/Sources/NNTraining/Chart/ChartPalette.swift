/// The colours of a chart's series, one per series name, from a colour-blind-safe set
/// (blue, orange, bluish green, reddish purple, sky blue, vermillion, after Okabe and Ito).
struct ChartPalette {
  /// The colours in the order they are handed out.
  static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]

  /// The series names in order of first appearance.
  let names: [String]

  /// A palette giving each distinct name of `series`, in order, the next colour.
  ///
  /// - Parameters:
  ///   - series: Every series of the chart, in drawing order.
  init(series: [ChartSeries]) {
    var names: [String] = []
    for item in series where !names.contains(item.name) { names.append(item.name) }
    self.names = names
  }

  /// The colour of the series called `name` (grey for a name not in the palette).
  ///
  /// - Parameters:
  ///   - name: A series name.
  func colour(for name: String) -> String {
    guard let index = names.firstIndex(of: name) else { return "#666666" }
    return Self.colours[index % Self.colours.count]
  }
}
