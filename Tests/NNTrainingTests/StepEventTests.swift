import NNCore
import NNData
import NNLayers
import NNOptim
import NNTraining
import Testing

/// Counts the per-step calls it receives, asking for the given ones.
private final class StepCounter: TrainingObserver {
  let stepEvents: TrainingStepEvents
  var begun = 0
  var ended = 0
  init(_ events: TrainingStepEvents) { stepEvents = events }
  func stepWillBegin(_ run: inout TrainingRun) throws { begun += 1 }
  func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws { ended += 1 }
}

/// Counts its per-step calls without saying which it needs.
private final class DefaultCounter: TrainingObserver {
  var begun = 0
  var ended = 0
  func stepWillBegin(_ run: inout TrainingRun) throws { begun += 1 }
  func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws { ended += 1 }
}

/// Makes a stop request after a given number of steps, the way another thread would.
private final class RequestAfter: TrainingObserver {
  let request: StopRequest
  let steps: Int
  var seen = 0
  init(_ request: StopRequest, after steps: Int) {
    self.request = request
    self.steps = steps
  }
  func stepDidEnd(_ step: StepReport, _ run: inout TrainingRun) throws {
    seen += 1
    if seen == steps { request.request() }
  }
}

/// Which per-step calls a fit makes (``TrainingObserver/stepEvents``), and stop requests read after every step.
@Suite("Per-step calls and stop requests")
struct StepEventTests {
  /// A run of a small network on the first 30 iris rows, 10 steps an epoch.
  private func run() throws -> (TrainingRun, Dataset) {
    let iris = try IrisLoader.bundled()
    let part = try Dataset(
      name: "iris", features: Matrix(rows: 30, columns: 4, elements: Array(iris.features.elements.prefix(120))),
      targets: Matrix(rows: 30, columns: 3, elements: Array(iris.targets.elements.prefix(90))), labels: nil,
      classNames: [])
    let network = try Sequential(
      inputWidth: 4, layers: [try Dense(units: 5), ActivationLayer(Sigmoid()), try Dense(units: 3)],
      initializer: XavierUniformInitializer(), random: RandomSource(seed: 2))
    let trainer = Trainer(network: network, loss: MeanSquaredError(), optimizer: try SGD())
    return (try TrainingRun(trainer: trainer, random: RandomSource(seed: 3), batchSize: 3), part)
  }

  @Test("a fit makes only the per-step calls each observer asks for; by default both")
  func askedCalls() throws {
    var (run, data) = try run()
    let none = StepCounter([])
    let begin = StepCounter(.willBegin)
    let end = StepCounter(.didEnd)
    let both = StepCounter(.all)
    let unsaid = DefaultCounter()
    try run.fit(data, length: .iterations(25), observers: [none, begin, end, both, unsaid])
    #expect(none.begun == 0 && none.ended == 0)
    #expect(begin.begun == 25 && begin.ended == 0)
    #expect(end.begun == 0 && end.ended == 25)
    #expect(both.begun == 25 && both.ended == 25)
    #expect(unsaid.begun == 25 && unsaid.ended == 25)
  }

  @Test("a stop request made during a step ends the fit after that step, with the request's reason")
  func stopRequest() throws {
    var (run, data) = try run()
    let request = StopRequest(reason: .requested("time limit"))
    run.stopRequest = request
    let observer = RequestAfter(request, after: 4)
    let summary = try run.fit(data, length: .epochs(5), observers: [observer])
    // Made in step 4's stepDidEnd, read after step 5.
    #expect(summary.iterations == 5)
    #expect(summary.stopReason == .requested("time limit"))
    #expect(run.completedSteps == 5)
  }

  @Test("a request made before the fit stops it after its first step; a withdrawn one does not")
  func madeBefore() throws {
    var (run, data) = try run()
    let request = StopRequest()
    #expect(!request.isRequested)
    request.request()
    #expect(request.isRequested)
    run.stopRequest = request
    let first = try run.fit(data, length: .epochs(2))
    #expect(first.iterations == 1)
    #expect(first.stopReason == .interrupted)
    request.withdraw()
    let second = try run.fit(data, length: .epochs(2))
    #expect(second.iterations == 20)
    #expect(second.stopReason == nil)
  }
}
