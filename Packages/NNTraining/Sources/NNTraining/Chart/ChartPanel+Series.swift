extension ChartPanel {
  /// The unbroken runs of a series in pixels, after thinning; a point that cannot be drawn (non-finite, or
  /// not positive on a logarithmic axis) ends one run and is left out.
  ///
  /// - Parameters:
  ///   - series: A series of the panel.
  ///   - xAxis: The shared horizontal axis.
  func segments(of series: ChartSeries, xAxis: ChartAxis) -> [[(x: Double, y: Double)]] {
    var segments: [[(x: Double, y: Double)]] = []
    var current: [(x: Double, y: Double)] = []
    for point in ChartThinning.thinned(series.points) {
      guard let horizontal = xAxis.fraction(of: point.x), let vertical = yAxis.fraction(of: point.y) else {
        if !current.isEmpty { segments.append(current) }
        current = []
        continue
      }
      current.append(frame.point(horizontal: horizontal, vertical: vertical))
    }
    if !current.isEmpty { segments.append(current) }
    return segments
  }

  /// Draws every series, clipped to the plot area: runs of two or more points as one path, lone points as
  /// dots; or "no data" when nothing can be drawn.
  ///
  /// - Parameters:
  ///   - writer: The document being written.
  ///   - xAxis: The shared horizontal axis.
  ///   - palette: The colour of each series.
  func drawSeries(into writer: inout SVGWriter, xAxis: ChartAxis, palette: ChartPalette) {
    let clipIdentifier = "plot-area-\(identifier)"
    writer.raw(
      "<clipPath id=\"\(SVGWriter.escaped(clipIdentifier))\"><rect x=\"\(SVGWriter.number(frame.x - 2))\" "
        + "y=\"\(SVGWriter.number(frame.y - 2))\" width=\"\(SVGWriter.number(frame.width + 4))\" "
        + "height=\"\(SVGWriter.number(frame.height + 4))\"/></clipPath>")
    writer.openGroup(["class": "lines", "clip-path": "url(#\(clipIdentifier))"])
    var drawnAnything = false
    for item in series {
      let colour = palette.colour(for: item.name)
      let runs = segments(of: item, xAxis: xAxis)
      drawnAnything = drawnAnything || !runs.isEmpty
      writer.openGroup(["class": "series", "data-series": item.name])
      let lines = runs.filter { $0.count > 1 }
      if !lines.isEmpty {
        let path = lines.map { run in
          run.enumerated().map { index, point in
            (index == 0 ? "M" : "L") + SVGWriter.number(point.x) + " " + SVGWriter.number(point.y)
          }.joined()
        }.joined()
        writer.element(
          "path",
          [
            "d": path, "fill": "none", "stroke": colour, "stroke-width": String(ChartStyle.lineWidth),
            "stroke-linejoin": "round", "stroke-linecap": "round",
          ], more: item.isDashed ? ["stroke-dasharray": ChartStyle.dashPattern] : [:])
      }
      for run in runs where run.count == 1 {
        writer.element(
          "circle", ["cx": SVGWriter.number(run[0].x), "cy": SVGWriter.number(run[0].y), "r": "3", "fill": colour])
      }
      writer.closeGroup()
    }
    writer.closeGroup()
    if !drawnAnything {
      writer.element(
        "text",
        [
          "class": "no-data", "x": SVGWriter.number(frame.x + frame.width / 2),
          "y": SVGWriter.number(frame.y + frame.height / 2), "text-anchor": "middle", "fill": "#999999",
          "font-size": "14",
        ], text: "no data")
    }
  }
}
