/// A control's fix prepared once per evaluation, so that specialising it for each failing
/// environment only fills in the environment's name and region.
///
/// Why: every failing finding carries its fix with the environment's `update-environment` command;
/// quoting the option settings and searching the commands for placeholders again for each of
/// hundreds of thousands of findings cost more than many controls' logic. The result is exactly
/// `Remediation.specialized(environment:region:)`'s (a test compares them for every control).
struct RemediationTemplate: Sendable {
    let remediation: Remediation
    /// `--option-settings …`, the part of the CLI command that does not depend on the environment.
    private let optionSettingsArgument: String?
    /// Per command: how it takes the environment's name and region.
    private let commands: [Command]
    private let hasPlaceholders: Bool

    /// A command naming no placeholder, one cut at its placeholders, or one whose placeholders are
    /// replaced as `Remediation.specialize` does (text that is not ASCII).
    private enum Command: Sendable {
        case fixed
        case pieces([Piece])
        case replaced
    }

    /// A run of a command's text, or a placeholder.
    private enum Piece: Sendable {
        case text(String)
        case environment
        case region
    }

    init(_ remediation: Remediation) {
        self.remediation = remediation
        optionSettingsArgument = remediation.optionSettings.isEmpty ? nil : RemediationText.optionSettingsArgument(remediation.optionSettings)
        commands = remediation.commands.map(Self.command)
        hasPlaceholders = commands.contains { if case .fixed = $0 { false } else { true } }
    }

    /// `remediation.specialized(environment:region:)`.
    func specialized(environment: String, region: String?) -> Remediation {
        var copy = remediation
        if let optionSettingsArgument {
            copy.cli = RemediationText.cliCommand(optionSettingsArgument: optionSettingsArgument, environment: environment, region: region)
        }
        guard hasPlaceholders else { return copy }
        // Filling the pieces in equals replacing `ENV_NAME`, then `REGION` in the result, unless
        // the name could itself form `REGION` (then replace as the remediation does).
        let direct = Self.isPlain(environment) && (region.map(Self.isPlain) ?? true)
            && !environment.utf8.contains(where: Self.isRegionLetter)
        for (position, command) in commands.enumerated() {
            switch command {
            case .fixed: continue
            case .pieces(let pieces) where direct: copy.commands[position] = Self.join(pieces, environment: environment, region: region)
            case .pieces, .replaced:
                copy.commands[position] = Remediation.specialize(remediation.commands[position], environment: environment, region: region)
            }
        }
        return copy
    }

    /// The letters of `REGION`: a name without them cannot spell it, alone or with its neighbours.
    private static func isRegionLetter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "R"), UInt8(ascii: "E"), UInt8(ascii: "G"), UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "N"): true
        default: false
        }
    }

    /// Non-empty ASCII: replacement works on bytes, as for the commands (see `FastText.replacing`).
    private static func isPlain(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 < 0x80 } }

    /// `command` cut at `ENV_NAME` and `REGION`.
    private static func command(_ command: String) -> Command {
        let bytes = Array(command.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return FastText.contains(command, "ENV_NAME") || FastText.contains(command, "REGION") ? .replaced : .fixed
        }
        let environment = Array("ENV_NAME".utf8), region = Array("REGION".utf8)
        var pieces: [Piece] = []
        var runStart = 0, index = 0
        func cut(_ placeholder: Piece, length: Int) {
            if runStart < index { pieces.append(.text(String(decoding: bytes[runStart..<index], as: UTF8.self))) }
            pieces.append(placeholder)
            index += length
            runStart = index
        }
        while index < bytes.count {
            if bytes[index...].starts(with: environment) {
                cut(.environment, length: environment.count)
            } else if bytes[index...].starts(with: region) {
                cut(.region, length: region.count)
            } else {
                index += 1
            }
        }
        guard !pieces.isEmpty else { return .fixed }
        if runStart < bytes.count { pieces.append(.text(String(decoding: bytes[runStart...], as: UTF8.self))) }
        return .pieces(pieces)
    }

    private static func join(_ pieces: [Piece], environment: String, region: String?) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let run): text += run
            case .environment: text += environment
            case .region: text += region ?? "REGION"
            }
        }
        return text
    }
}
