/// Where a component is scaffolded: into a package of a checkout of nn, or into a Swift package of your own.
///
/// Paths are as a user would type them: absolute, or relative to the working directory given to
/// ``Scaffolder/plan(registry:workingDirectory:)``.
public enum ScaffoldDestination: Equatable, Sendable {
  /// A package of a checkout of nn (`nn new`, `--root`, `--package`).
  ///
  /// - Parameters:
  ///   - checkout: The checkout's root folder, which must hold `Templates/`; `nil` for the nearest folder, from the
  ///     working directory upward, holding `Templates/` and `Packages/`.
  ///   - package: The package written into (`NNLayers`, `NNOptim`); `nil` for the template's default.
  case repository(checkout: String? = nil, package: String? = nil)

  /// A Swift package of your own (`nn new --package-path`, `--target`, `--root`): the component goes in
  /// `Sources/<target>/`, its test in `Tests/<target>Tests/`, its registration in `<target>Plugin.swift`.
  ///
  /// - Parameters:
  ///   - path: The package's folder, holding `Package.swift`.
  ///   - target: The target written into; `nil` for the only folder under `Sources/`, or the only one without a
  ///     `main.swift`.
  ///   - checkout: A checkout of nn whose `Templates/` are read; `nil` for the nearest checkout from the working
  ///     directory upward, or else the templates shipped with nn.
  case userPackage(path: String, target: String? = nil, checkout: String? = nil)
}
