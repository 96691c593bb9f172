import ArgumentParser
import Foundation
import NNCore
import NNData

/// `nn data`: generate data sets, and show how a file is read.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Generate data sets as MAT files, and show how a data file is read.",
    subcommands: [SphereCommand.self, DescribeCommand.self])
}

/// `nn data sphere`: the two-sphere data set of the sphere experiment, written as a version 7 MAT file.
struct SphereCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sphere",
    abstract: "Write the two-sphere data set: points in unit balls around (1,1,1), label 1, and (-1,2,-7), label 0.",
    discussion: """
      The file holds one variable, `samples`: 2·count rows of x, y, z and the label, the first count rows
      around (1,1,1). It reads back with scipy.io.loadmat and with `nn train --data FILE`.
      """)

  @Option(help: "The MAT file to write (version 7, compressed); replaced atomically.")
  var out: String

  @Option(help: "Points per sphere.")
  var count = 100

  @Option(help: "The random seed: the same seed writes the same points.")
  var seed: UInt64 = 1

  @Option(help: "The variable's name in the file.")
  var variable = "samples"

  mutating func run() throws {
    try reportingFailures("data sphere") {
      guard count >= 1 else { throw CommandFailure("--count must be at least 1, got \(count)") }
      guard MatFile.isValidName(variable) else {
        throw CommandFailure(
          "--variable '\(variable)' is not a MATLAB name (a letter, then letters, digits or underscores)")
      }
      let samples = try SphereData.generate(count: count, random: RandomSource(seed: seed))
      do {
        try MatFile.write(samples, named: variable, to: URL(fileURLWithPath: out))
      } catch let error as DataError {
        if case .unwritableFile = error { throw CommandFailure("\(error)", status: .ioError) }
        throw error
      }
      print(
        "wrote \(out): variable '\(variable)', \(samples.rows)x4 (x, y, z, label; \(count) points labelled 1 "
          + "around (1,1,1), \(count) labelled 0 around (-1,2,-7)), seed \(seed)")
    }
  }
}
