import NNData
import Testing

@Suite("Load options")
struct LoadOptionTests {
  @Test("label columns: integers are indices, anything else a name; positions count from either end")
  func labelColumn() {
    #expect(LabelColumn("3") == .index(3))
    #expect(LabelColumn("-1") == .index(-1))
    #expect(LabelColumn("species") == .name("species"))
    #expect(LabelColumn.last == .index(-1))
    #expect(LabelColumn.index(-2).description == "column -2")
  }

  @Test("delimiters by symbol or name")
  func delimiter() {
    #expect(CSVDelimiter(argument: ",") == .comma)
    #expect(CSVDelimiter(argument: "semicolon") == .semicolon)
    #expect(CSVDelimiter(argument: "tab") == .tab)
    #expect(CSVDelimiter(argument: "\t") == .tab)
    #expect(CSVDelimiter(argument: "|") == nil)
  }

  @Test("the defaults detect everything")
  func defaults() {
    let options = DataLoadOptions()
    #expect(options.format == .auto)
    #expect(options.variable == nil)
    #expect(options.labelsVariable == nil)
    #expect(options.labelColumn == nil)
    #expect(options.delimiter == nil)
    #expect(options.hasHeader == nil)
    #expect(options.targetKind == .automatic)
  }
}
