import Foundation

/// Finds the component templates shipped with the `nn` tool, without ever stopping the program.
///
/// SwiftPM copies the template folders (`activation`, `layer`, `loss`, `optimizer`, `initializer`, `plugin`) into
/// a resource bundle beside the built executable: `nn_NNTemplates.resources` on Linux, `nn_NNTemplates.bundle` on
/// Apple platforms (its files under `Contents/Resources`). The generated `Bundle.module` accessor stops the program
/// when that bundle is missing; this lookup searches the same places, and a few more, and returns `nil` instead.
///
/// The places searched, in order:
/// 1. next to `Bundle.main.bundleURL` (the executable's folder on Linux);
/// 2. next to the executable itself, before and after resolving symbolic links (a linked `nn` in `~/bin`);
/// 3. inside `Bundle.main.resourceURL` (an app bundle's resources);
/// 4. the folder of this source file, while the source tree is present.
public enum TemplateBundle {
  /// The resource bundle's folder names SwiftPM gives this target: `<package>_<target>` with `.resources` or
  /// `.bundle`. The package is `nn`, the root package of the repository.
  public static let bundleNames = ["nn_NNTemplates.resources", "nn_NNTemplates.bundle"]

  /// The folder holding one sub-folder per template kind, or `nil` when none of ``candidateFolders()`` does.
  ///
  /// A folder counts when it holds `activation/manifest.json`.
  public static func folder() -> URL? {
    candidateFolders().first { holdsTemplates($0) }
  }

  /// Every folder that may hold the templates, most likely first, without repeats.
  public static func candidateFolders() -> [URL] {
    var roots: [URL] = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL {
      roots.append(executable.deletingLastPathComponent())
      roots.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    if let resources = Bundle.main.resourceURL { roots.append(resources) }
    var folders: [URL] = []
    for root in roots {
      for name in bundleNames {
        let bundle = root.appendingPathComponent(name, isDirectory: true)
        folders.append(bundle)
        folders.append(bundle.appendingPathComponent("Contents/Resources", isDirectory: true))
      }
    }
    folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    var seen = Set<String>()
    return folders.filter { seen.insert($0.standardizedFileURL.path).inserted }
  }

  /// Whether `folder` holds `activation/manifest.json`.
  private static func holdsTemplates(_ folder: URL) -> Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("activation/manifest.json").path)
  }
}
