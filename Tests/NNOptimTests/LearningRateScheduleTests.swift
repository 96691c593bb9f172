import Foundation
import NNCore
import NNOptim
import Testing

/// Learning-rate schedules on values worked out by hand, base rate 0.1.
@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
  @Test func constant() throws {
    let schedule = try LearningRateSchedule()
    #expect([0, 1, 1000].map { schedule.rate(step: $0, base: 0.1) } == [0.1, 0.1, 0.1])
  }

  @Test func step() throws {
    // Size 2, factor 0.5: steps 0–1 at 0.1, 2–3 at 0.05, 4 at 0.025.
    let schedule = try LearningRateSchedule(parsing: "step(size=2, factor=0.5)")
    #expect((0..<5).map { schedule.rate(step: $0, base: 0.1) } == [0.1, 0.1, 0.05, 0.05, 0.025])
  }

  @Test func exponential() throws {
    // Factor 0.5: 0.1, 0.05, 0.025.
    let schedule = try LearningRateSchedule(parsing: "exponential(0.5)")
    #expect((0..<3).map { schedule.rate(step: $0, base: 0.1) } == [0.1, 0.05, 0.025])
  }

  @Test func cosine() throws {
    // Over 4 steps to 0: cos(0) = 1 → 0.1; cos(π/2) = 0 at step 2 → 0.05; cos(π) = −1 at step 4 → 0, and after.
    let schedule = try LearningRateSchedule(parsing: "cosine(steps=4)")
    #expect(schedule.rate(step: 0, base: 0.1) == 0.1)
    #expect(abs(schedule.rate(step: 2, base: 0.1) - 0.05) < 1e-17)
    #expect(abs(schedule.rate(step: 4, base: 0.1)) < 1e-17)
    #expect(abs(schedule.rate(step: 9, base: 0.1)) < 1e-17)
    // With a floor of 0.02: half-way is 0.02 + 0.08/2 = 0.06.
    let floored = try LearningRateSchedule(parsing: "cosine(4, 0.02)")
    #expect(abs(floored.rate(step: 2, base: 0.1) - 0.06) < 1e-16)
  }

  @Test func warmup() throws {
    // 4 warm-up steps: 0.1·1/4, 0.1·2/4, 0.1·3/4, then the schedule from its own step 0 (exponential 0.5).
    let schedule = try LearningRateSchedule(parsing: "exponential(0.5)", warmupSteps: 4)
    let rates = (0..<6).map { schedule.rate(step: $0, base: 0.1) }
    for (rate, expected) in zip(rates, [0.025, 0.05, 0.075, 0.1, 0.1, 0.05]) { #expect(abs(rate - expected) < 1e-16) }
  }

  @Test(
    "bad schedules are rejected with a clear message",
    arguments: ["step(size=0)", "step(size=2, factor=1.5)", "exponential(0)", "cosine(steps=0)", "cosin(10)", "step"])
  func invalid(text: String) {
    #expect(throws: ComponentError.self) { try LearningRateSchedule(parsing: text) }
  }

  @Test func unknownScheduleSuggestsTheClosest() {
    #expect(throws: ComponentError.self) { try LearningRateSchedule(parsing: "cosin(10)") }
    do {
      _ = try LearningRateSchedule(parsing: "cosin(10)")
    } catch {
      #expect("\(error)".contains("did you mean 'cosine'"))
    }
  }
}
