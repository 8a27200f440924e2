package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real headless Chromium, driven over the Chrome DevTools Protocol, for tests of web pages: load a page, run
/// script in it, read its console errors, take a screenshot.
///
/// Hand-written: no listed package speaks the DevTools protocol. With `--remote-debugging-pipe` Chromium reads
/// commands from file descriptor 3 and writes replies and events to descriptor 4, each a JSON object ended by a
/// NUL byte, so no WebSocket is needed. Every call is async and times out, so a test never blocks a thread of the
/// pool that the server it looks at runs on.
package final class HeadlessBrowser: @unchecked Sendable {  // all mutable state is guarded by `condition`
    /// Why the browser could not do what a test asked.
    package struct Failure: Error, CustomStringConvertible {
        /// What went wrong, and what to do.
        package var description: String
    }

    private let pid: pid_t
    private let commands: Int32
    private let profile: URL
    private let condition = NSCondition()
    private var nextID = 0
    private var inFlight: [Int: CheckedContinuation<Data, any Error>] = [:]
    private var events: [[String: Any]] = []
    private var isClosed = false
    private var hasShutDown = false
    /// How long each wait lasts before it fails.
    package var timeout: TimeInterval = 20

    /// The Chromium to run: `$CHROMIUM`, else Debian's, else one on the `PATH`.
    package static func executable() -> String? {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"], !path.isEmpty { return path }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        let candidates =
            ["/usr/lib/chromium/chromium"]
            + ["chromium", "chromium-browser", "google-chrome"].flatMap { name in
                directories.map { "\($0)/\(name)" }
            }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts a headless Chromium with a fresh profile and checks that it answers; fails with what to install
    /// when there is none.
    package static func launch() async throws -> HeadlessBrowser {
        let browser = try HeadlessBrowser()
        do {
            try await browser.send("Browser.getVersion")
        } catch {
            browser.close()
            let output = (try? String(contentsOf: browser.log, encoding: .utf8)) ?? ""
            throw Failure(description: "Chromium did not answer: \(error)\n\(output.suffix(2_000))")
        }
        return browser
    }

    private var log: URL { profile.appendingPathComponent("chromium.log") }

    private init() throws {
        guard let executable = Self.executable() else {
            throw Failure(
                description:
                    "no Chromium found (tried $CHROMIUM, /usr/lib/chromium/chromium, chromium, chromium-browser on the PATH): apt-get install chromium (.ci/run installs it)"
            )
        }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("syncline-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        // Two pipes, moved above 9 and close-on-exec, so only the dup2'd copies on 3 and 4 reach the child.
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
            let moved = fds.map { fd -> Int32 in
                let high = fcntl(fd, F_DUPFD_CLOEXEC, 10)
                Glibc.close(fd)
                return high
            }
            return (moved[0], moved[1])
        }
        let toBrowser = try pipePair()
        let fromBrowser = try pipePair()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let log = profile.appendingPathComponent("chromium.log").path
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let arguments = [
            executable, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "about:blank",
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, envp)
        Glibc.close(toBrowser.read)
        Glibc.close(fromBrowser.write)
        guard spawned == 0 else {
            Glibc.close(toBrowser.write)
            Glibc.close(fromBrowser.read)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        pid = child
        commands = toBrowser.write
        let replies = fromBrowser.read
        let reader = Thread { [weak self] in self?.read(from: replies) }
        reader.start()
    }

    deinit { close() }

    /// Reads NUL-terminated messages until the browser closes its end.
    private func read(from fd: Int32) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let message = pending[pending.startIndex..<end]
                pending = Data(pending[pending.index(after: end)...])
                guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
                condition.lock()
                if let id = object["id"] as? Int {
                    let waiting = inFlight.removeValue(forKey: id)
                    condition.unlock()
                    waiting?.resume(returning: Data(message))
                } else {
                    events.append(object)
                    condition.unlock()
                }
            }
        }
        Glibc.close(fd)
        condition.lock()
        isClosed = true
        let waiting = inFlight.values
        inFlight.removeAll()
        condition.unlock()
        for continuation in waiting { continuation.resume(throwing: Failure(description: "the browser closed")) }
    }

    /// Sends a command (to the page `session`, if given) and waits for its result.
    @discardableResult
    package func send(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil) async throws
        -> [String: Any]
    {
        let (id, closed) = locked {
            nextID += 1
            return (nextID, isClosed)
        }
        guard !closed else { throw Failure(description: "\(method): the browser is gone") }
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        let timeout = self.timeout
        let reply = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            locked { inFlight[id] = continuation }
            guard writeAll(data) else {
                return fail(id, Failure(description: "\(method): the browser is gone"))
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak self] in
                self?.fail(id, Failure(description: "\(method): no reply within \(Int(timeout)) s"))
            }
        }
        let object = try JSONSerialization.jsonObject(with: reply) as? [String: Any] ?? [:]
        if let error = object["error"] as? [String: Any] {
            throw Failure(description: "\(method): \(error["message"] ?? error)")
        }
        return object["result"] as? [String: Any] ?? [:]
    }

    /// Fails the command `id` if it is still waiting.
    private func fail(_ id: Int, _ error: Failure) {
        let waiting = locked { inFlight.removeValue(forKey: id) }
        waiting?.resume(throwing: error)
    }

    /// Runs `body` holding the lock (a synchronous function, so async callers may use it).
    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// Writes `data` to the browser's command pipe.
    private func writeAll(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let count = write(commands, base + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
    }

    /// The events received so far for `session`, from the `start`-th on.
    fileprivate func events(of session: String, from start: Int = 0) -> [[String: Any]] {
        locked { events.dropFirst(start).filter { $0["sessionId"] as? String == session } }
    }

    /// How many events have arrived.
    fileprivate var eventCount: Int { locked { events.count } }

    /// Waits until an event named `method` for `session` arrives after the `start`-th event.
    fileprivate func waitForEvent(_ method: String, session: String, after start: Int) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let found = events(of: session, from: start).contains { $0["method"] as? String == method }
            if found { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "no \(method) within \(Int(timeout)) s")
    }

    /// A new tab of `width`×`height` CSS pixels (`mobile`: a phone's viewport and touch).
    package func newPage(width: Int = 1280, height: Int = 800, mobile: Bool = false) async throws -> Page {
        let target = try await send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target id") }
        let attached = try await send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "no session id") }
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] { try await send(domain, session: session) }
        try await send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": mobile ? 3 : 1, "mobile": mobile],
            session: session)
        if mobile { try await send("Emulation.setTouchEmulationEnabled", ["enabled": true], session: session) }
        return Page(browser: self, session: session)
    }

    /// Closes the browser and removes its profile.
    package func close() {
        let (closed, done) = locked {
            defer { hasShutDown = true }
            return (isClosed, hasShutDown)
        }
        guard !done else { return }
        if !closed {
            var data = Data(#"{"id":999999,"method":"Browser.close"}"#.utf8)
            data.append(0)
            _ = data.withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
        }
        Glibc.close(commands)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        try? FileManager.default.removeItem(at: profile)
    }

    /// One tab.
    package struct Page {
        let browser: HeadlessBrowser
        let session: String

        /// Loads `url` and waits for its load event.
        package func navigate(_ url: String) async throws {
            let start = browser.eventCount
            let result = try await browser.send("Page.navigate", ["url": url], session: session)
            if let error = result["errorText"] as? String { throw Failure(description: "\(url): \(error)") }
            try await browser.waitForEvent("Page.loadEventFired", session: session, after: start)
        }

        /// Evaluates `expression` in the page (promises awaited) and returns its value as JSON gives it.
        package func evaluate(_ expression: String) async throws -> Any? {
            let result = try await browser.send(
                "Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true],
                session: session)
            if let exception = result["exceptionDetails"] as? [String: Any] {
                let detail = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? ""
                throw Failure(description: "\(expression): \(detail)")
            }
            return (result["result"] as? [String: Any])?["value"]
        }

        /// Waits until `expression` is true in the page; false if it never was within the timeout.
        package func wait(until expression: String, seconds: TimeInterval = 15) async throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try await evaluate(expression) as? Bool == true { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return try await evaluate(expression) as? Bool == true
        }

        /// Everything the page reported as an error: `console.error`, uncaught exceptions, failed loads.
        package func consoleErrors() -> [String] {
            browser.events(of: session).compactMap { event -> String? in
                let parameters = event["params"] as? [String: Any] ?? [:]
                switch event["method"] as? String {
                case "Runtime.consoleAPICalled" where parameters["type"] as? String == "error":
                    let arguments = parameters["args"] as? [[String: Any]] ?? []
                    return "console.error: "
                        + arguments.map { "\($0["value"] ?? $0["description"] ?? "")" }.joined(separator: " ")
                case "Runtime.exceptionThrown":
                    let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
                    let exception = details["exception"] as? [String: Any] ?? [:]
                    return "exception: \(exception["description"] ?? details["text"] ?? "")"
                case "Log.entryAdded":
                    let entry = parameters["entry"] as? [String: Any] ?? [:]
                    guard entry["level"] as? String == "error" else { return nil }
                    return "log: \(entry["text"] ?? "") \(entry["url"] ?? "")"
                default:
                    return nil
                }
            }
        }

        /// A PNG of the viewport.
        package func screenshot() async throws -> Data {
            let result = try await browser.send("Page.captureScreenshot", ["format": "png"], session: session)
            guard let text = result["data"] as? String, let data = Data(base64Encoded: text) else {
                throw Failure(description: "no screenshot data")
            }
            return data
        }
    }
}
