import Foundation
import NNCore
import NNData
import Testing

@Suite("CSV loading")
struct CSVLoaderTests {
  @Test("the delimiter is detected", arguments: [",", ";", "\t"])
  func delimiter(_ separator: String) throws {
    let text =
      ["x", "y", "label"].joined(separator: separator) + "\n"
      + ["1.5", "2", "cat"].joined(separator: separator) + "\n" + ["3", "-4e1", "dog"].joined(separator: separator)
      + "\n"
    let data = try CSVLoader.parse(text, source: "t.csv")
    #expect(data.features == Matrix([[1.5, 2], [3, -40]]))
    #expect(data.featureNames == ["x", "y"])
    #expect(data.classNames == ["cat", "dog"])
  }

  @Test("a given delimiter overrides detection")
  func forcedDelimiter() throws {
    let text = "1;2,x\n3;4,y\n"
    let data = try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(delimiter: .semicolon))
    #expect(data.features == Matrix([[1], [3]]))
    #expect(data.classNames == ["2,x", "4,y"])
    let error = try #require(throws: DataError.self) { try CSVLoader.parse(text, source: "t.csv") }
    #expect(error.description == "t.csv:1: expected a number in column 1 (column 1), found '1;2'")
  }

  @Test("text labels are classes in order of first appearance; no header means generic names")
  func textLabels() throws {
    let data = try CSVLoader.parse("1,2,b\n3,4,a\n5,6,b\n7,8,c\n", source: "t.csv")
    #expect(data.classNames == ["b", "a", "c"])
    #expect(data.labels == [0, 1, 0, 2])
    #expect(data.featureNames == ["feature 1", "feature 2"])
  }

  @Test("integer labels are classes in increasing order; real labels are regression")
  func numericLabels() throws {
    let classes = try CSVLoader.parse("1,2,5\n3,4,-1\n5,6,5\n", source: "t.csv")
    #expect(classes.classNames == ["-1", "5"])
    #expect(classes.labels == [1, 0, 1])
    let regression = try CSVLoader.parse("1,2,0.5\n3,4,1\n", source: "t.csv")
    #expect(!regression.isClassification)
    #expect(regression.targets == Matrix([[0.5], [1]]))
  }

  @Test("the label column by name or index; negative counts from the end")
  func labelColumn() throws {
    let text = "kind,a,b\nx,1,2\ny,3,4\n"
    let byName = try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(labelColumn: .name("kind")))
    let byIndex = try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(labelColumn: .index(0)))
    let fromEnd = try CSVLoader.parse(text, source: "t.csv", options: DataLoadOptions(labelColumn: .index(-3)))
    #expect(byName == byIndex)
    #expect(byName == fromEnd)
    #expect(byName.features == Matrix([[1, 2], [3, 4]]))
    #expect(byName.featureNames == ["a", "b"])
  }

  @Test("CRLF line ends, blank lines, spaces, quotes and a byte-order mark are tolerated")
  func tolerant() throws {
    let text = "\u{FEFF}\"x\", \"y\" ,label\r\n\r\n 1 , 2 ,\"yes\"\r\n\r\n3,4,no\r\n\r\n"
    let data = try CSVLoader.parse(text, source: "t.csv")
    #expect(data.features == Matrix([[1, 2], [3, 4]]))
    #expect(data.featureNames == ["x", "y"])
    #expect(data.classNames == ["yes", "no"])
  }

  @Test("a quoted field may hold the delimiter and doubled quotes")
  func quotedFields() throws {
    let text = "size,\"colour, shade\",label\n1,2,\"big, \"\"red\"\"\"\n3,4, \"small\" \n"
    let data = try CSVLoader.parse(text, source: "q.csv")
    #expect(data.features == Matrix([[1, 2], [3, 4]]))
    #expect(data.featureNames == ["size", "colour, shade"])
    #expect(data.classNames == ["big, \"red\"", "small"])
  }

  @Test("a header is detected only above numbers; it can be forced either way")
  func header() throws {
    #expect(try CSVLoader.parse("1,2,a\n3,4,b\n", source: "t.csv").count == 2)
    #expect(try CSVLoader.parse("p,q,r\n3,4,b\n", source: "t.csv").count == 1)
    let forced = try CSVLoader.parse("1,2,0\n3,4,1\n", source: "t.csv", options: DataLoadOptions(hasHeader: true))
    #expect(forced.count == 1)
    #expect(forced.featureNames == ["1", "2"])
  }

  struct BadText: Sendable, CustomStringConvertible {
    let text: String
    let options: DataLoadOptions
    let message: String
    var description: String { message }
  }

  static let badTexts: [BadText] = [
    BadText(
      text: "x,y,l\n1,2,a\n3,a\n", options: DataLoadOptions(),
      message: "t.csv:3: expected 3 fields separated by ',', found 2"),
    BadText(
      text: "x,y,l\n1,2,a\n3,abc,b\n", options: DataLoadOptions(),
      message: "t.csv:3: expected a number in column 2 (y), found 'abc'"),
    BadText(
      text: "1,2,a\n\n3,,b\n", options: DataLoadOptions(),
      message: "t.csv:3: expected a number in column 2 (column 2), found an empty field"),
    BadText(
      text: "1,2,a\n3,nan,b\n", options: DataLoadOptions(),
      message: "t.csv:2: expected a finite number in column 2 (column 2), found 'nan'"),
    BadText(
      text: "1,2,a\n3,4,\n", options: DataLoadOptions(),
      message: "t.csv:2: expected a label in column 3 (column 3), found an empty field"),
    BadText(
      text: "1,2,a\n", options: DataLoadOptions(labelColumn: .index(3)),
      message: "t.csv: label column 3 is out of range: there are 3 columns (0…2, or -3…-1 from the end)"),
    BadText(
      text: "x,y,label\n1,2,a\n", options: DataLoadOptions(labelColumn: .name("lable")),
      message: "t.csv: no column is named 'lable' (did you mean 'label'?); columns: x, y, label"),
    BadText(
      text: "\n\r\n", options: DataLoadOptions(), message: "t.csv: no samples (expected lines of numbers and a label)"),
    BadText(
      text: "1,2,a\n", options: DataLoadOptions(targetKind: .regression),
      message: "t.csv: the labels are text ('a'), but regression needs numbers"),
  ]

  @Test("bad input names the line and column", arguments: badTexts)
  func bad(_ bad: BadText) throws {
    let error = try #require(throws: DataError.self) {
      try CSVLoader.parse(bad.text, source: "t.csv", options: bad.options)
    }
    #expect(error.description == bad.message)
  }
}
