import NNCore
import NNData
import Testing

@Suite("Iris parsing")
struct IrisParsingTests {
  @Test("reads four numbers and a class name per line")
  func readsSamples() throws {
    let data = try IrisLoader.parse(
      "5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n", source: "t")
    #expect(data.count == 2)
    #expect(data.featureCount == 4)
    #expect(data.features.row(0) == [5.1, 3.5, 1.4, 0.2])
    #expect(data.features.row(1) == [7.0, 3.2, 4.7, 1.4])
    #expect(data.labels == [0, 1])
    #expect(data.classNames == ["Iris-setosa", "Iris-versicolor"])
    #expect(data.featureNames == IrisLoader.defaultFeatureNames)
    #expect(data.name == "t")
  }

  @Test("skips blank and whitespace-only lines anywhere")
  func blankLines() throws {
    let text = "\n\n5.1,3.5,1.4,0.2,a\n   \n\t\n4.9,3.0,1.4,0.2,b\n\n\n"
    let data = try IrisLoader.parse(text, source: "t")
    #expect(data.count == 2)
    #expect(data.features.row(1) == [4.9, 3.0, 1.4, 0.2])
  }

  @Test("accepts CRLF line ends, also mixed with LF and without a final line end")
  func carriageReturns() throws {
    let text = "5.1,3.5,1.4,0.2,a\r\n4.9,3.0,1.4,0.2,b\r\n\r\n4.7,3.2,1.3,0.2,a"
    let data = try IrisLoader.parse(text, source: "t")
    #expect(data.count == 3)
    #expect(data.classNames == ["a", "b"], "a carriage return must not stick to the class name")
    #expect(data.labels == [0, 1, 0])
    #expect(data.features.row(2) == [4.7, 3.2, 1.3, 0.2])
  }

  @Test("ignores a UTF-8 byte-order mark before the first line")
  func byteOrderMark() throws {
    let data = try IrisLoader.parse("\u{FEFF}5.1,3.5,1.4,0.2,a\r\n", source: "t")
    #expect(data.features.row(0) == [5.1, 3.5, 1.4, 0.2])
  }

  @Test("trims spaces and tabs around fields")
  func surroundingSpaces() throws {
    let data = try IrisLoader.parse("  5.1 , 3.5,\t1.4 ,0.2 ,  Iris-setosa  \n", source: "t")
    #expect(data.features.row(0) == [5.1, 3.5, 1.4, 0.2])
    #expect(data.classNames == ["Iris-setosa"])
  }

  @Test("a non-numeric first line is a header that names the features")
  func header() throws {
    let text =
      "\nsepal_length, sepal_width,petal_length,petal_width,species\r\n5.1,3.5,1.4,0.2,Iris-setosa\r\n"
    let data = try IrisLoader.parse(text, source: "t")
    #expect(data.count == 1)
    #expect(data.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    #expect(data.classNames == ["Iris-setosa"], "the header's last field is not a class")
  }

  @Test("only the first line may be a header")
  func headerOnlyFirst() throws {
    let text = "5.1,3.5,1.4,0.2,a\nsepal_length,sepal_width,petal_length,petal_width,species\n"
    let error = try #require(throws: DataError.self) {
      try IrisLoader.parse(text, source: "x.data")
    }
    #expect(
      error.description
        == "x.data:2: expected a number for field 1 (sepal length), found 'sepal_length'")
  }

  @Test("a first line with some numbers is data, not a header")
  func partlyNumericFirstLine() throws {
    let error = try #require(throws: DataError.self) {
      try IrisLoader.parse("5.1,wide,1.4,0.2,a\n", source: "x.data")
    }
    #expect(
      error
        == .malformedLine(
          source: "x.data", line: 1,
          problem: "expected a number for field 2 (sepal width), found 'wide'"))
  }

  @Test("class names become indices in order of first appearance")
  func classOrder() throws {
    let text = """
      1,1,1,1,virginica
      2,2,2,2,setosa
      3,3,3,3,virginica
      4,4,4,4,versicolor
      5,5,5,5,setosa
      """
    let data = try IrisLoader.parse(text, source: "t")
    #expect(data.classNames == ["virginica", "setosa", "versicolor"])
    #expect(data.labels == [0, 1, 0, 2, 1])
    #expect(data.classCounts == [2, 2, 1])
  }

  @Test("targets are the one-hot rows of the labels")
  func oneHotTargets() throws {
    let data = try IrisLoader.parse("1,1,1,1,b\n2,2,2,2,a\n3,3,3,3,c\n4,4,4,4,a\n", source: "t")
    #expect(data.targets == Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]))
    #expect(data.targetCount == 3)
    #expect(data.classCount == 3)
  }

  @Test("numbers in any notation Double accepts are read exactly")
  func numberForms() throws {
    let data = try IrisLoader.parse("5,.5,1e-1,-2.25E1,a\n", source: "t")
    #expect(data.features.row(0) == [5, 0.5, 0.1, -22.5])
  }
}
