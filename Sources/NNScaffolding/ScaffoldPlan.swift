import Foundation
import NNCore

/// A component checked and rendered, not yet written: the files ``write()`` writes, and what `nn new` prints.
///
/// ``Scaffolder/plan(registry:workingDirectory:)`` makes one; nothing is on disk until ``write()``.
public struct ScaffoldPlan: Sendable {
  /// The component's names.
  let name: ComponentName
  /// Its kind.
  let kind: ComponentKind
  /// The package it goes in (in a user's package: the target).
  let package: String
  /// Where it goes.
  let destination: ResolvedDestination
  /// The rendered files and registration.
  let rendered: RenderedComponent
  /// The files that exist already and will be replaced (only when replacing is allowed).
  let replaced: [String]
  /// The command that tries the new component, from the manifest's `nextStep` (in a checkout of nn only).
  let tryIt: String?
  /// The formula the component computes until its user replaces it.
  let example: TemplateManifest.Example
  /// In a user's package: whether the test folder is new, so the test target must be declared.
  let createsTestFolder: Bool

  /// The folder the paths of ``files`` are relative to: the checkout of nn or the user's package.
  public var root: URL { destination.root }

  /// The registry name the component registers under, the lower_snake form of its type name (`soft_gate`).
  public var registryName: String { name.registryName }

  /// Every file ``write()`` writes: the component's source and its test, then the plugin file with the
  /// registration inserted (left out when the plugin registers the component already).
  public var files: [ScaffoldFile] { rendered.files + (rendered.plugin.map { [$0] } ?? []) }

  /// What `nn new --dry-run` prints: every file with its path and contents, the registration and where it goes,
  /// and what the component computes until its formula is replaced.
  public var dryRunReport: String { ScaffoldReport.dryRun(self) }

  /// What `nn new` prints once the files are written: the files, the registration, what the component computes
  /// until its formula is replaced, and the next steps (building, testing, declaring targets in a user's package).
  public var report: String { ScaffoldReport.done(self) }

  /// Writes every file of the plan, all or nothing.
  ///
  /// Each file is written beside its place and renamed into it; on a failure the files created are removed, the
  /// files replaced get their old text back, and the folders created are removed.
  ///
  /// - Throws: ``ScaffoldingError`` (cannot create, or input/output) after undoing what was written.
  public func write() throws {
    try ScaffoldWriter(root: root).write(rendered)
  }
}
