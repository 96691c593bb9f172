import Foundation
import NNCore

/// What ``ConformanceCheck/run(component:)`` found for one registered name: every check, and whether all passed.
///
/// Its description is one line per check, so a failing test shows everything at once:
///
/// ```
/// conformance of 'mish': 9 of 10 checks passed
///   pass  activation  mish  lookup by name  made by name, reports the name 'mish'
///   FAIL  activation  mish  gradient        4.2e-02  the vector–Jacobian product … (tolerance 1.0e-06)
/// ```
public struct ConformanceReport: Sendable, CustomStringConvertible {
  /// The outcome of one check of one component.
  public struct Check: Sendable, Hashable, CustomStringConvertible {
    /// The kind the component was checked as (an activation's name is checked as an activation and as a layer).
    public let kind: ComponentKind
    /// The component's specification as it was made, such as `mse(reduction=sum)`.
    public let component: String
    /// The check's name, such as `gradient` or `configuration round trip`.
    public let name: String
    /// The largest relative error `|a − b| / (|a| + |b|)` measured, for checks that measure one.
    public let maximumRelativeError: Double?
    /// Whether the check passed.
    public let passed: Bool
    /// What was found, in words.
    public let detail: String

    /// One line: pass or FAIL, the kind, the component, the check, the error and the detail.
    public var description: String {
      let error = maximumRelativeError.map { String(format: "%.1e", $0) + "  " } ?? ""
      return "\(passed ? "pass" : "FAIL")  \(kind.rawValue)  \(component)  \(name)  \(error)\(detail)"
    }
  }

  /// The name the checks were asked for.
  public let component: String
  /// Every check, in the order run.
  public let checks: [Check]

  /// Whether at least one check ran and every check passed.
  public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

  /// A summary line, then one indented line per check.
  public var description: String {
    let count = checks.filter(\.passed).count
    let header = "conformance of '\(component)': \(count) of \(checks.count) checks passed"
    return ([header] + checks.map { "  \($0)" }).joined(separator: "\n")
  }
}
