/// A chart title fitted into the width available: its font shrinks from 17 down to 12 units, and a title
/// still too long is cut with an ellipsis (the document's `<title>` keeps it whole).
struct ChartTitle: Equatable {
  /// The largest font size.
  static let largestFontSize = 17.0
  /// The smallest font size before the title is cut.
  static let smallestFontSize = 12.0
  /// The estimated width of one bold character, as a fraction of the font size.
  static let characterWidth = 0.62

  /// The text to write.
  let text: String
  /// The font size to write it in.
  let fontSize: Double

  /// `title` fitted into `width` user units.
  ///
  /// - Parameters:
  ///   - title: The whole title.
  ///   - width: The width the title may take.
  init(_ title: String, width: Double) {
    let length = Double(max(title.count, 1))
    let fitting = width / (length * Self.characterWidth)
    fontSize = min(Self.largestFontSize, max(Self.smallestFontSize, fitting.rounded(.down)))
    let capacity = Int(width / (Self.smallestFontSize * Self.characterWidth))
    text =
      fitting >= Self.smallestFontSize || title.count <= capacity ? title : title.prefix(max(capacity - 1, 1)) + "…"
  }
}
