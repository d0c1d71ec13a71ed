/// The access level AWS's service authorization reference assigns to each action.
///
/// Why it matters: "Permissions management" actions are the ones that can rewrite IAM itself, and
/// "Write" versus "Read" is how the least-privilege report explains what a removed grant could do.
public enum AccessLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case list = "List"
    case read = "Read"
    case write = "Write"
    case permissionsManagement = "Permissions management"
    case tagging = "Tagging"

    /// The one-letter code used in the bundled catalog file.
    init?(code: Substring) {
        switch code {
        case "L": self = .list
        case "R": self = .read
        case "W": self = .write
        case "P": self = .permissionsManagement
        case "T": self = .tagging
        default: return nil
        }
    }

    var rank: Int {
        switch self {
        case .list: return 0
        case .read: return 1
        case .tagging: return 2
        case .write: return 3
        case .permissionsManagement: return 4
        }
    }

    /// Ordered by power: List < Read < Tagging < Write < Permissions management.
    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rank < rhs.rank }
}
