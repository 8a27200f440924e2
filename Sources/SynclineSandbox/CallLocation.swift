/// Where one call's JSON object is stored: a file (or the in-memory list) and a byte range in it.
struct CallLocation: Sendable {
    /// The file's number in `CallStorage.files`, or the call's position in `CallStorage.memory`.
    var file: UInt32
    /// The first byte of the call's object in the file (0 in memory).
    var offset: UInt64
    /// The object's length in bytes (0 in memory).
    var length: UInt32
}
