/// A number of values processed together, known at compile time so that its loops unroll into registers: the row
/// width of a gather specialised to it (``LaneLayout``).
protocol LaneBlock {
  /// The number of units in the block, 1 to 8.
  static var width: Int { get }
}

/// A block of eight units.
enum LaneBlock8: LaneBlock { static var width: Int { 8 } }
/// A block of seven units.
enum LaneBlock7: LaneBlock { static var width: Int { 7 } }
/// A block of six units.
enum LaneBlock6: LaneBlock { static var width: Int { 6 } }
/// A block of five units.
enum LaneBlock5: LaneBlock { static var width: Int { 5 } }
/// A block of four units.
enum LaneBlock4: LaneBlock { static var width: Int { 4 } }
/// A block of three units.
enum LaneBlock3: LaneBlock { static var width: Int { 3 } }
/// A block of two units.
enum LaneBlock2: LaneBlock { static var width: Int { 2 } }
/// A block of one unit.
enum LaneBlock1: LaneBlock { static var width: Int { 1 } }
