import NNTraining
import Testing

/// The training history as a value: entries appended in order, looked up by position, and drawn as a chart.
@Suite("training history: entries and chart")
struct TrainingHistoryTests {
  /// Three epochs with validation numbers and no training accuracy.
  static func history() -> TrainingHistory {
    var history = TrainingHistory(unit: .epoch, expectedCount: 3)
    for epoch in 1...3 {
      history.append(
        TrainingHistory.Entry(
          position: epoch, trainingLoss: 1 / Double(epoch), validationLoss: 1.5 / Double(epoch),
          validationAccuracy: 0.5 + 0.1 * Double(epoch)))
    }
    return history
  }

  @Test("entries keep their order; a position finds its entry")
  func entries() {
    let history = Self.history()
    #expect(history.entries.map(\.position) == [1, 2, 3])
    #expect(history.entry(at: 2)?.trainingLoss == 0.5)
    #expect(history.entry(at: 4) == nil)
    #expect(TrainingHistory(unit: .iteration).entries.isEmpty)
  }

  @Test("the chart: training solid, validation dashed, no line for a value no entry has")
  func chart() {
    let chart = Self.history().chart(title: "4-12-6-3 on iris")
    #expect(chart.title == "4-12-6-3 on iris")
    #expect(chart.xAxisLabel == "epoch")
    #expect(chart.loss.map(\.name) == ["training", "validation"])
    #expect(chart.loss.map(\.isDashed) == [false, true])
    #expect(chart.loss[1].points == [1.5, 0.75, 0.5].enumerated().map { ChartPoint(x: Double($0 + 1), y: $1) })
    // No entry has a training accuracy: the accuracy panel has the validation line only.
    #expect(chart.accuracy.map(\.name) == ["validation"])
    #expect(chart.accuracy[0].isDashed)
  }

  @Test("a regression history by iteration draws the loss panel alone")
  func regression() {
    var history = TrainingHistory(unit: .iteration)
    history.append(TrainingHistory.Entry(position: 4, trainingLoss: 0.3))
    history.append(TrainingHistory.Entry(position: 8, trainingLoss: 0.2))
    let chart = history.chart(title: "t")
    #expect(chart.xAxisLabel == "iteration")
    #expect(chart.accuracy.isEmpty)
    #expect(
      chart.loss == [ChartSeries(name: "training", points: [ChartPoint(x: 4, y: 0.3), ChartPoint(x: 8, y: 0.2)])])
    #expect(chart.svg().contains("data-panel=\"loss\""))
    #expect(!chart.svg().contains("data-panel=\"accuracy\""))
  }
}
