/// Where one call's JSON object is stored: a file (or the in-memory list) and a byte range in it.
struct CallLocation: Sendable {
    /// The first byte of the call's object in the file (0 in memory).
    var offset: UInt64
    /// The file's number in `CallStorage.files`, or the call's position in `CallStorage.memory`.
    var file: UInt32
    /// The object's length in bytes (0 in memory).
    var length: UInt32

    /// Creates a location (members in this order keep the value at 16 bytes).
    init(file: UInt32, offset: UInt64, length: UInt32) {
        self.offset = offset
        self.file = file
        self.length = length
    }
}
