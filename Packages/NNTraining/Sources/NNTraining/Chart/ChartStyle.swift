/// The fixed sizes and colours of a training chart, in SVG user units.
enum ChartStyle {
  /// The document width.
  static let width = 800.0
  /// The baseline of the title.
  static let titleBaseline = 30.0
  /// The vertical centre of the legend row.
  static let legendCentre = 54.0
  /// The top of the first panel.
  static let plotTop = 76.0
  /// The loss panel's height when it is drawn alone.
  static let lonePanelHeight = 300.0
  /// The loss panel's height above an accuracy panel.
  static let lossPanelHeight = 240.0
  /// The accuracy panel's height.
  static let accuracyPanelHeight = 180.0
  /// The gap between the two panels.
  static let panelGap = 24.0
  /// The space below the last panel for the x tick labels and the x axis label.
  static let bottomMargin = 60.0
  /// The space right of the panels, room for half of the last x tick label.
  static let rightMargin = 32.0
  /// The length of a tick mark.
  static let tickLength = 5.0
  /// The estimated width of one character of a tick label or legend text (12-unit font).
  static let characterWidth = 7.0
  /// The line width of a series.
  static let lineWidth = 1.8
  /// The dash pattern of a dashed series.
  static let dashPattern = "6 4"
  /// The colour of axis frames, tick marks and labels.
  static let axisColour = "#555555"
  /// The colour of major grid lines.
  static let gridColour = "#e4e4e4"
  /// The colour of minor grid lines (between decades on a logarithmic axis).
  static let minorGridColour = "#f3f3f3"
  /// The colour of text.
  static let textColour = "#222222"
}
