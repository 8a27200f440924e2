import SynclineCore
import Testing

@Suite("Durations, suggestions and field paths")
struct TextTests {
    @Test("durations read as number-unit pairs and print back the same way")
    func durations() {
        #expect(DurationText.parse("7d") == .seconds(604_800))
        #expect(DurationText.parse("1d12h") == .seconds(129_600))
        #expect(DurationText.parse("90m") == .seconds(5_400))
        #expect(DurationText.parse("7 days") == nil)
        #expect(DurationText.parse("7") == nil)
        #expect(DurationText.parse("") == nil)
        #expect(DurationText.format(.seconds(129_600)) == "1d12h")
        #expect(DurationText.format(.zero) == "0s")
    }

    @Test("a near miss gets one suggestion; a far one gets none")
    func suggestions() {
        let candidates = ["metaData.title", "metaData.started", "parties[].emailAddress"]
        #expect(Suggestion.closest(to: "metaData.titel", among: candidates) == "metaData.title")
        #expect(Suggestion.closest(to: "parties[].emailAdress", among: candidates) == "parties[].emailAddress")
        #expect(Suggestion.closest(to: "colour", among: candidates) == nil)
    }

    @Test("field paths parse names and array steps, and resolve against a record type")
    func fieldPaths() throws {
        let path = try #require(FieldPath("parties[].emailAddress"))
        #expect(path.segments == [.init(name: "parties", isEach: true), .init(name: "emailAddress")])
        #expect(path.description == "parties[].emailAddress")
        #expect(FieldPath("a..b") == nil)
        #expect(FieldPath("Web Meeting") == nil)
        let record: FieldType = .object([.init("parties", .array(.object([.init("emailAddress", .string)])))])
        #expect(try record.resolve(path).get() == .array(.string))
        #expect(throws: PathFailure.self) { try record.resolve(#require(FieldPath("parties.emailAddress"))).get() }
    }
}
