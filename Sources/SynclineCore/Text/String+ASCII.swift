extension String {
    /// The string lower-cased, with a fast path for ASCII (e-mail addresses nearly always are).
    ///
    /// Hand-written: `lowercased()` runs the full Unicode case mapping, which shows up when a sync lower-cases
    /// every participant's e-mail; non-ASCII text still goes through it.
    package var asciiLowercased: String {
        var hasUpper = false
        for byte in utf8 {
            if byte >= 0x80 { return lowercased() }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return self }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var index = 0
            for byte in utf8 {
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
                index += 1
            }
            return index
        }
    }
}
