/// Numbers class names in order of first appearance: the first name seen is class 0, the next new one 1, …
struct ClassNumbering {
  /// The names seen so far, indexed by class.
  private(set) var names: [String] = []
  private var indexOf: [String: Int] = [:]

  /// The class index of `name`, numbering it if it is new.
  ///
  /// - Parameter name: A class name.
  mutating func index(of name: String) -> Int {
    if let index = indexOf[name] { return index }
    indexOf[name] = names.count
    names.append(name)
    return names.count - 1
  }
}
