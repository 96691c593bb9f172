import Foundation
import Testing

/// `nn train` end to end: the default run, reproducibility, flags, and one clear line for bad input.
@Suite("nn train")
struct TrainCommandTests {
  @Test("with no arguments it trains the seed's iris network past 95% accuracy")
  func defaultRun() throws {
    let result = try CommandRunner.run(["train"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("4-12-6-3"))
    #expect(result.output.contains("accuracy"))
    let json = try CommandRunner.run(["train", "--json"]).json()
    #expect(try #require(json["accuracy"] as? Double) >= 0.95)
    #expect(json["network"] as? String == "4-12-6-3")
    for key in ["loss", "samples", "samples_per_second"] { #expect(json[key] is Double || json[key] is Int) }
  }

  @Test("the same seed gives the same numbers bit for bit; another seed other numbers")
  func reproducible() throws {
    let arguments = ["train", "--json", "--quiet", "--iterations", "300", "--sampling", "replacement"]
    let first = try CommandRunner.run(arguments + ["--seed", "5"]).json()
    let second = try CommandRunner.run(arguments + ["--seed", "5"]).json()
    let other = try CommandRunner.run(arguments + ["--seed", "6"]).json()
    #expect(first["loss"] as? Double == second["loss"] as? Double)
    #expect(first["accuracy"] as? Double == second["accuracy"] as? Double)
    #expect(first["loss"] as? Double != other["loss"] as? Double)
  }

  @Test("the seed's own settings: sigmoid, summed MSE, SGD, batches drawn with replacement")
  func seedSettings() throws {
    let json = try CommandRunner.run([
      "train", "--json", "--quiet", "--loss", "mse", "--reduction", "sum", "--optimizer", "sgd", "--lr", "0.01",
      "--batch-size", "64", "--sampling", "replacement", "--iterations", "20000", "--init", "uniform", "--no-bias",
    ]).json()
    #expect(json["samples"] as? Int == 20000 * 64)
    #expect(try #require(json["accuracy"] as? Double) > 0.9)
  }

  @Test("no hidden layer: softmax regression on iris", arguments: ["subset", "shuffle"])
  func noHiddenLayer(sampling: String) throws {
    let result = try CommandRunner.run([
      "train", "--json", "--layers", "", "--sampling", sampling, "--epochs", "200", "--batch-size", "30",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(try result.json()["network"] as? String == "4-3")
    #expect(try #require(try result.json()["accuracy"] as? Double) > 0.9)
  }

  @Test(
    "adaptive optimizers, schedules and clipping train the default network", arguments: ["adam", "adamw", "rmsprop"])
  func optimizersAndSchedules(optimizer: String) throws {
    let result = try CommandRunner.run([
      "train", "--json", "--optimizer", optimizer, "--lr", "0.01", "--epochs", "150", "--schedule",
      "cosine(steps=1500)",
      "--warmup", "50", "--clip-norm", "5",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(try #require(try result.json()["accuracy"] as? Double) > 0.9)
  }

  @Test(
    "--network builds networks that are not uniform, and maxout hidden layers come from --activation",
    arguments: [
      (["--network", "dense(12),relu,dropout(0.1),dense(6),tanh,dense(3),softmax"], "4-12-6-3"),
      (["--activation", "maxout(pieces=3)"], "4-12-6-3"),
    ] as [([String], String)])
  func networkSpecifications(arguments: [String], widths: String) throws {
    let result = try CommandRunner.run(["train", "--json", "--epochs", "100"] + arguments)
    #expect(result.status == 0, "\(result.error)")
    #expect(try result.json()["network"] as? String == widths)
    #expect(try #require(try result.json()["accuracy"] as? Double) > 0.85)
  }

  @Test("a file in the UCI iris format")
  func dataFile() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("two.data")
    var lines = ["sepal_length,sepal_width,petal_length,petal_width,species"]
    for index in 0..<20 {
      let shift = Double(index % 5) * 0.1
      lines.append("\(1 + shift),1,1,1,small")
      lines.append("\(5 + shift),5,5,5,large")
    }
    try lines.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["train", "--data", file.path, "--json", "--layers", "4"])
    #expect(result.status == 0, "\(result.error)")
    #expect(try result.json()["accuracy"] as? Double == 1)
    #expect(try result.json()["network"] as? String == "4-4-2")
  }

  @Test(
    "bad input: one clear line on stderr and a sysexits status",
    arguments: [
      (["--activation", "sigmiod"], 64, "did you mean 'sigmoid'"),
      (["--loss", "hinge_los"], 64, "unknown loss"),
      (["--optimizer", "adamm"], 64, "unknown optimizer"),
      (["--init", "xavier"], 64, "unknown initializer"),
      (["--activation", "relu(slope=2)"], 64, "has no parameter 'slope'"),
      (["--activation", "relu("], 64, "missing ')'"),
      (["--layers", "12,,6"], 64, "--layers"),
      (["--layers", "12,x"], 64, "--layers"),
      (["--layers", "0"], 64, "--layers"),
      (["--lr=-1"], 64, "--lr must be a positive number"),
      (["--lr", "0"], 64, "--lr must be a positive number"),
      (["--batch-size", "0"], 64, "--batch-size must be at least 1"),
      (["--batch-size", "200", "--sampling", "subset"], 64, "200"),
      (["--sampling", "random"], 64, "shuffle, replacement or subset"),
      (["--reduction", "average"], 64, "mean or sum"),
      (["--epochs", "2", "--iterations", "3"], 64, "not both"),
      (["--epochs", "0"], 64, "--epochs"),
      (["--optimizer", "sgd", "--momentum", "0.9"], 64, "no parameter 'momentum'"),
      (["--data", "/nonexistent/iris.data"], 66, "/nonexistent/iris.data"),
      (["--schedule", "cosin(3)"], 64, "did you mean 'cosine'"),
      (["--schedule", "step(size=0)"], 64, "size"),
      (["--warmup=-1"], 64, "--warmup"),
      (["--clip-norm", "0"], 64, "--clip-norm must be positive"),
      (["--clip-norm", "1", "--clip-value", "1"], 64, "not both"),
      (["--optimizer", "adam(beta1=1)"], 64, "beta1"),
      (["--network", "dense(12),rleu,dense(3)"], 64, "layer 2 'rleu'"),
      (["--network", "dense(12),relu,dense(2),softmax"], 64, "end the network in 3 units"),
      (["--network", "dense(12"], 64, "--network"),
      (["--activation", "maxout(pieces=0)"], 64, "pieces"),
    ] as [([String], Int32, String)])
  func badInput(arguments: [String], status: Int32, message: String) throws {
    let result = try CommandRunner.run(["train", "--quiet"] + arguments)
    #expect(result.status == status, "\(arguments): \(result.error)")
    #expect(result.error.contains(message), "\(arguments): \(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(arguments): \(result.error)")
    #expect(!result.error.contains("Fatal error") && !result.error.contains("Stack"))
  }

  @Test("a bad line in a data file names the file and the line")
  func badDataLine() throws {
    let directory = try CommandRunner.temporaryDirectory()
    let file = directory.appendingPathComponent("broken.data")
    try "5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,Iris-setosa\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["train", "--data", file.path])
    #expect(result.status == 65)
    #expect(result.error.contains("broken.data:2:"), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1)
  }
}
