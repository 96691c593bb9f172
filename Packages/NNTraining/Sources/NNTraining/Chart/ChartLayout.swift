/// Where the panels of a training chart go, and the document's height.
struct ChartLayout {
  /// The shared x axis.
  let xAxis: ChartAxis
  /// The panels, top to bottom: loss, then accuracy when there is any.
  let panels: [ChartPanel]
  /// The left edge of the plot areas, past the widest y tick label and the y axis label.
  let plotLeft: Double
  /// The width of the plot areas.
  let plotWidth: Double
  /// The document height.
  let height: Double

  /// The layout of `chart`.
  ///
  /// - Parameters:
  ///   - chart: The chart to lay out.
  init(chart: TrainingChart) {
    xAxis = chart.xAxis
    let lossAxis = chart.lossAxis
    let accuracyAxis = chart.accuracy.isEmpty ? nil : chart.accuracyAxis
    let labels = (lossAxis.ticks + (accuracyAxis?.ticks ?? [])).map(\.label.count)
    plotLeft = 40 + ChartStyle.tickLength + Double(labels.max() ?? 1) * ChartStyle.characterWidth
    plotWidth = ChartStyle.width - plotLeft - ChartStyle.rightMargin
    let lossHeight = accuracyAxis == nil ? ChartStyle.lonePanelHeight : ChartStyle.lossPanelHeight
    var panels = [
      ChartPanel(
        identifier: "loss", series: chart.loss, yAxis: lossAxis, yAxisLabel: chart.lossAxisTitle,
        frame: ChartRect(x: plotLeft, y: ChartStyle.plotTop, width: plotWidth, height: lossHeight))
    ]
    if let accuracyAxis {
      let top = ChartStyle.plotTop + lossHeight + ChartStyle.panelGap
      panels.append(
        ChartPanel(
          identifier: "accuracy", series: chart.accuracy, yAxis: accuracyAxis, yAxisLabel: "accuracy",
          frame: ChartRect(x: plotLeft, y: top, width: plotWidth, height: ChartStyle.accuracyPanelHeight)))
    }
    self.panels = panels
    height = (panels.last?.frame.bottom ?? ChartStyle.plotTop) + ChartStyle.bottomMargin
  }
}
