import NNCore
import Testing

/// How a parameter starts: drawn, or a constant, with the named constants spelled as their values.
@Suite("Parameter roles")
struct ParameterRoleTests {
  @Test("zeros, ones and bias are the constants they name")
  func namedConstants() {
    #expect(ParameterRole.zeros == .constant(0))
    #expect(ParameterRole.ones == .constant(1))
    #expect(ParameterRole.bias == .constant(0))
    #expect(ParameterRole.bias == .zeros)
    #expect(ParameterRole.ones != .zeros)
    #expect(ParameterRole.weight != .zeros)
    #expect(Set<ParameterRole>([.bias, .zeros, .constant(0), .ones, .weight, .constant(0.5)]).count == 4)
  }

  @Test("a switch reads the constant's value")
  func constantValue() {
    func start(_ role: ParameterRole) -> Double? {
      switch role {
      case .weight: nil
      case .constant(let value): value
      }
    }
    #expect(start(.ones) == 1)
    #expect(start(.bias) == 0)
    #expect(start(.constant(-2.5)) == -2.5)
    #expect(start(.weight) == nil)
  }

  @Test("a shape keeps its role")
  func shapeRole() {
    let gain = ParameterShape(name: "gain", rows: 1, columns: 4, fanIn: 1, fanOut: 1, role: .ones)
    #expect(gain.role == .constant(1))
    #expect(gain != ParameterShape(name: "gain", rows: 1, columns: 4, fanIn: 1, fanOut: 1, role: .zeros))
  }
}
