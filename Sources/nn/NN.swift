import ArgumentParser

/// The `nn` command: train and use neural networks from the command line.
@main
struct NN: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nn",
    abstract: "Train multi-layer perceptrons by backpropagation.",
    discussion: """
      With no arguments, `nn train` trains the classic 4-12-6-3 network on the bundled iris data.
      Exit codes follow sysexits: 64 usage, 65 bad data, 66 missing input, 74 input/output error.
      """,
    version: "0.1.0",
    subcommands: [
      Train.self, Eval.self, GradientCheckCommand.self, Predict.self, Export.self, Import.self, List.self, New.self,
      Inspect.self,
      DataCommand.self,
    ],
    defaultSubcommand: nil
  )
}
