/// Where an option value came from, in Elastic Beanstalk's order of precedence (highest first).
public enum SettingLayer: String, Codable, Sendable, Comparable {
    /// Set directly on the environment (API, console, CloudFormation/Terraform environment resource).
    case direct
    /// From a saved configuration or configuration template.
    case savedConfiguration = "saved-configuration"
    /// From `.ebextensions/*.config` in the source bundle.
    case configurationFile = "configuration-file"
    /// Elastic Beanstalk's own default (reported by `DescribeConfigurationSettings`).
    case defaultValue = "default"

    private var rank: Int {
        switch self {
        case .direct: 0
        case .savedConfiguration: 1
        case .configurationFile: 2
        case .defaultValue: 3
        }
    }

    public static func < (lhs: SettingLayer, rhs: SettingLayer) -> Bool { lhs.rank < rhs.rank }
}

/// One configuration option of an environment: `namespace/OptionName` = value.
///
/// A fleet holds a million settings, copied whenever a control reads one: the rare secret is kept
/// out of line (eight bytes, where inline it took forty), so a setting is eighty-eight bytes.
/// Equality, hashing and the `Codable` form are those of the eight properties.
public struct OptionSetting: Codable, Sendable, Hashable {
    public var namespace: String
    public var optionName: String
    /// Set for options scoped to a resource (e.g. a listener rule or a process).
    public var resourceName: String?
    /// The value; `nil` when the option is present without a value, or when it cannot be resolved
    /// statically (an IaC parameter without a default). Secret-looking values are stored redacted.
    public var value: String?
    /// True when the value came from an expression ebguard could not resolve (parameter, import).
    public var unresolved: Bool
    public var layer: SettingLayer
    public var origin: Origin?
    /// The secret, when there is one (see `secret`).
    private var flagged: FlaggedSecret?

    /// Present when the value looked like a secret; the value itself is then redacted.
    public var secret: SecretHit? {
        get { flagged?.hit }
        set { flagged = newValue.map(FlaggedSecret.init) }
    }

    public init(namespace: String, optionName: String, value: String?, resourceName: String? = nil,
                unresolved: Bool = false, secret: SecretHit? = nil, layer: SettingLayer = .direct, origin: Origin? = nil) {
        self.namespace = namespace
        self.optionName = optionName
        self.resourceName = resourceName
        self.value = value
        self.unresolved = unresolved
        self.flagged = secret.map(FlaggedSecret.init)
        self.layer = layer
        self.origin = origin
    }

    /// Builds a setting in `destination` (uninitialized) from values it takes over, property by
    /// property: for readers that build a million settings in a buffer, where initializing from
    /// `OptionSetting(...)` built each in a temporary, then copied it (retaining every text) and
    /// destroyed the temporary (releasing them again).
    public static func initialize(_ destination: UnsafeMutablePointer<OptionSetting>, namespace: consuming String, optionName: consuming String,
                                  value: consuming String?, resourceName: consuming String?, unresolved: Bool, secret: consuming SecretHit?,
                                  layer: SettingLayer, origin: consuming Origin?) {
        destination.initializeProperty(\.namespace, to: namespace)
        destination.initializeProperty(\.optionName, to: optionName)
        destination.initializeProperty(\.value, to: value)
        destination.initializeProperty(\.resourceName, to: resourceName)
        destination.initializeProperty(\.unresolved, to: unresolved)
        destination.initializeProperty(\.flagged, to: secret.map(FlaggedSecret.init))
        destination.initializeProperty(\.layer, to: layer)
        destination.initializeProperty(\.origin, to: origin)
    }

    /// `namespace/OptionName`, the way the catalog and the docs write it.
    public var key: String { "\(namespace)/\(optionName)" }

    // The form a struct of the eight properties would have: absent optionals are left out.
    private enum CodingKeys: String, CodingKey { case namespace, optionName, resourceName, value, unresolved, secret, layer, origin }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(namespace: try container.decode(String.self, forKey: .namespace),
                  optionName: try container.decode(String.self, forKey: .optionName),
                  value: try container.decodeIfPresent(String.self, forKey: .value),
                  resourceName: try container.decodeIfPresent(String.self, forKey: .resourceName),
                  unresolved: try container.decode(Bool.self, forKey: .unresolved),
                  secret: try container.decodeIfPresent(SecretHit.self, forKey: .secret),
                  layer: try container.decode(SettingLayer.self, forKey: .layer),
                  origin: try container.decodeIfPresent(Origin.self, forKey: .origin))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(namespace, forKey: .namespace)
        try container.encode(optionName, forKey: .optionName)
        try container.encodeIfPresent(resourceName, forKey: .resourceName)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encode(unresolved, forKey: .unresolved)
        try container.encodeIfPresent(secret, forKey: .secret)
        try container.encode(layer, forKey: .layer)
        try container.encodeIfPresent(origin, forKey: .origin)
    }

    public static func == (lhs: OptionSetting, rhs: OptionSetting) -> Bool {
        lhs.namespace == rhs.namespace && lhs.optionName == rhs.optionName && lhs.resourceName == rhs.resourceName
            && lhs.value == rhs.value && lhs.unresolved == rhs.unresolved && lhs.flagged?.hit == rhs.flagged?.hit
            && lhs.layer == rhs.layer && lhs.origin == rhs.origin
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(namespace)
        hasher.combine(optionName)
        hasher.combine(resourceName)
        hasher.combine(value)
        hasher.combine(unresolved)
        hasher.combine(flagged?.hit)
        hasher.combine(layer)
        hasher.combine(origin)
    }
}

extension OptionSetting: CustomReflectable {
    /// The eight properties, as a struct holding them would show (`dump`, string interpolation).
    public var customMirror: Mirror {
        Mirror(self, children: ["namespace": namespace, "optionName": optionName, "resourceName": resourceName as Any, "value": value as Any,
                                "unresolved": unresolved, "secret": secret as Any, "layer": layer, "origin": origin as Any],
               displayStyle: .struct)
    }
}

/// A setting's secret, out of line: few settings have one.
private final class FlaggedSecret: Sendable {
    let hit: SecretHit

    init(_ hit: SecretHit) { self.hit = hit }
}

extension UnsafeMutablePointer {
    /// Initializes one stored property of the uninitialized value here (the value is whole once
    /// every stored property is).
    @inline(__always)
    fileprivate func initializeProperty<Property>(_ path: KeyPath<Pointee, Property>, to value: consuming Property) {
        guard let offset = MemoryLayout<Pointee>.offset(of: path) else { preconditionFailure("not a stored property") }
        UnsafeMutableRawPointer(self).advanced(by: offset).initializeMemory(as: Property.self, to: value)
    }
}

/// An environment's option settings, with lookups that respect Elastic Beanstalk's precedence.
///
/// When several sources set the same option, the one from the highest-precedence layer wins
/// (`direct` > `saved-configuration` > `configuration-file` > `default`); `winner` says which.
/// Lookups are O(log n): beside the list, an index of `(hash of namespace/option, position)` is
/// kept sorted. (A dictionary of position lists per key cost two allocations per setting, and an
/// audit of 10,000 environments holds 2.4 million settings.)
public struct OptionSettings: Codable, Sendable, Hashable {
    public private(set) var all: [OptionSetting]
    /// `hash << 32 | position`, ascending: equal keys sit together, in the order they were added.
    private var index: [UInt64]

    public init(_ settings: [OptionSetting] = []) {
        all = settings
        // By position, so that no setting is copied (a copy retains each of its strings).
        var index: [UInt64] = []
        index.reserveCapacity(settings.count)
        for position in settings.indices {
            index.append(Self.entry(Self.hash(settings[position].namespace, settings[position].optionName), position))
        }
        index.sort()
        self.index = index
    }

    private static func entry(_ hash: UInt32, _ position: Int) -> UInt64 { UInt64(hash) << 32 | UInt64(UInt32(position)) }

    /// A hash of `namespace` and `option`, eight bytes at a time (the last few as one word).
    ///
    /// Plain functions passing the hash along: a nested function capturing it would box it, and
    /// every lookup would pay an exclusivity check per word.
    private static func hash(_ namespace: String, _ option: String) -> UInt32 {
        let hash = mix(mix(0xCBF2_9CE4_8422_2325, namespace), option)
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    private static func mix(_ hash: UInt64, _ text: String) -> UInt64 {
        // The same bytes whether or not the string is stored contiguously.
        text.utf8.withContiguousStorageIfAvailable { mix(hash, $0) } ?? Array(text.utf8).withUnsafeBufferPointer { mix(hash, $0) }
    }

    private static func mix(_ seed: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed, index = 0
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            while index + 8 <= bytes.count {
                hash = (hash ^ base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                index += 8
            }
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        // The length keeps `a` + `bc` apart from `ab` + `c`.
        hash = (hash ^ tail ^ UInt64(bytes.count) << 56) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 29)
    }

    /// Positions of the settings for `namespace/option`, in the order they were added.
    private func positions(_ namespace: String, _ option: String, _ body: (Int) -> Void) {
        let hash = Self.hash(namespace, option)
        var low = 0, high = index.count
        let first = UInt64(hash) << 32
        while low < high {
            let middle = (low + high) / 2
            if index[middle] < first { low = middle + 1 } else { high = middle }
        }
        while low < index.count, index[low] >> 32 == UInt64(hash) {
            let position = Int(index[low] & 0xFFFF_FFFF)
            if all[position].optionName == option && all[position].namespace == namespace { body(position) }
            low += 1
        }
    }

    /// Snapshots store settings compactly: origins once in a table, each setting as a short array
    /// `[namespace, option, value, resource, layer, origin index, unresolved, secret]`. An environment
    /// reports a few hundred options that share one origin; this keeps large snapshots fast to read.
    private enum CodingKeys: String, CodingKey { case origins, settings }

    public init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            self.init(try [OptionSetting](from: decoder))
            return
        }
        let origins = try container.decode([Origin].self, forKey: .origins)
        var rows = try container.nestedUnkeyedContainer(forKey: .settings)
        var settings: [OptionSetting] = []
        settings.reserveCapacity(rows.count ?? 0)
        while !rows.isAtEnd {
            var row = try rows.nestedUnkeyedContainer()
            let namespace = try row.decode(String.self)
            let option = try row.decode(String.self)
            let value = try row.decodeIfPresent(String.self)
            let resource = try row.decodeIfPresent(String.self)
            let layer = try row.decode(SettingLayer.self)
            let originIndex = try row.decode(Int.self)
            let unresolved = try row.decode(Bool.self)
            let secret = row.isAtEnd ? nil : try row.decodeIfPresent(SecretHit.self)
            guard originIndex < origins.count else {
                throw DecodingError.dataCorruptedError(in: row, debugDescription: "origin index \(originIndex) out of range")
            }
            settings.append(OptionSetting(namespace: namespace, optionName: option, value: value, resourceName: resource, unresolved: unresolved,
                                          secret: secret, layer: layer, origin: originIndex < 0 ? nil : origins[originIndex]))
        }
        self.init(settings)
    }

    public func encode(to encoder: any Encoder) throws {
        var origins: [Origin] = []
        var originIndex: [Origin: Int] = [:]
        var container = encoder.container(keyedBy: CodingKeys.self)
        var rows = container.nestedUnkeyedContainer(forKey: .settings)
        for setting in all {
            var index = -1
            if let origin = setting.origin {
                if let known = originIndex[origin] { index = known } else {
                    index = origins.count
                    originIndex[origin] = index
                    origins.append(origin)
                }
            }
            var row = rows.nestedUnkeyedContainer()
            try row.encode(setting.namespace)
            try row.encode(setting.optionName)
            try row.encode(setting.value)
            try row.encode(setting.resourceName)
            try row.encode(setting.layer)
            try row.encode(index)
            try row.encode(setting.unresolved)
            if let secret = setting.secret { try row.encode(secret) }
        }
        try container.encode(origins, forKey: .origins)
    }

    public static func == (lhs: OptionSettings, rhs: OptionSettings) -> Bool { lhs.all == rhs.all }
    public func hash(into hasher: inout Hasher) { hasher.combine(all) }

    public mutating func append(_ setting: OptionSetting) {
        let entry = Self.entry(Self.hash(setting.namespace, setting.optionName), all.count)
        var low = 0, high = index.count
        while low < high {
            let middle = (low + high) / 2
            if index[middle] < entry { low = middle + 1 } else { high = middle }
        }
        index.insert(entry, at: low)
        all.append(setting)
    }

    /// Merges settings from another layer (e.g. a saved configuration under direct settings).
    public mutating func merge(_ other: OptionSettings) {
        for setting in other.all { append(setting) }
    }

    /// Every setting for `namespace/option`, from any layer, in the order they were added.
    public func candidates(_ namespace: String, _ option: String) -> [OptionSetting] {
        var found: [OptionSetting] = []
        positions(namespace, option) { found.append(all[$0]) }
        return found
    }

    /// The winning setting for `namespace/option` (and resource name, when given), or `nil` when absent.
    public func winner(_ namespace: String, _ option: String, resource: String? = nil) -> OptionSetting? {
        winnerPosition(namespace, option, resource: resource).map { all[$0] }
    }

    /// Reads the winning setting in place, without copying it out (`nil` when absent): for callers
    /// that need one or two of its fields on a hot path. Inlinable so that the caller's closure is
    /// specialised into it and reads the setting where it lies, across modules.
    @inlinable
    public func withWinner<Result>(_ namespace: String, _ option: String, resource: String? = nil,
                                   _ body: (borrowing OptionSetting) -> Result) -> Result? {
        guard let position = winnerPosition(namespace, option, resource: resource) else { return nil }
        // Through the buffer: its subscript lends the element where it lies.
        return all.withUnsafeBufferPointer { body($0[position]) }
    }

    /// The winning value, or `nil` when absent.
    public func value(_ namespace: String, _ option: String, resource: String? = nil) -> String? {
        winnerPosition(namespace, option, resource: resource).flatMap { all[$0].value }
    }

    /// Where the winner sits in `all`: the lowest layer, the first added among equals.
    @usableFromInline
    func winnerPosition(_ namespace: String, _ option: String, resource: String?) -> Int? {
        var best: Int?
        positions(namespace, option) { position in
            if let resource, all[position].resourceName != resource { return }
            if let current = best, all[current].layer <= all[position].layer { return }
            best = position
        }
        return best
    }

    /// Every winning setting in a namespace, one per option name (and resource name), in the order
    /// their options first appear.
    ///
    /// Read in place, a namespace's few options found by searching the winners so far (a table
    /// only once they are many): environments are asked for their properties over and over, and
    /// hashing every key into a table made for each call cost more than the search.
    public func settings(in namespace: String) -> [OptionSetting] {
        all.withUnsafeBufferPointer { settings in
            var winners: [Int] = []
            var slots: [SettingKey: Int] = [:]
            for position in settings.indices where settings[position].namespace == namespace {
                let slot: Int?
                if winners.count <= Self.searchedWinners {
                    slot = winners.firstIndex { Self.sameOption(settings[$0], settings[position]) }
                } else {
                    if slots.isEmpty { for (slot, winner) in winners.enumerated() { slots[SettingKey(settings[winner])] = slot } }
                    let key = SettingKey(settings[position])
                    slot = slots[key]
                    if slot == nil { slots[key] = winners.count }
                }
                if let slot {
                    if settings[position].layer < settings[winners[slot]].layer { winners[slot] = position }
                } else {
                    winners.append(position)
                }
            }
            return winners.map { settings[$0] }
        }
    }

    /// How many winners `settings(in:)` searches before it keys them in a table.
    private static var searchedWinners: Int { 16 }

    /// True when two settings set the same option (a missing resource name counts as the empty one).
    private static func sameOption(_ lhs: borrowing OptionSetting, _ rhs: borrowing OptionSetting) -> Bool {
        lhs.optionName == rhs.optionName && (lhs.resourceName ?? "") == (rhs.resourceName ?? "")
    }

    /// One option of a namespace (a missing resource name counts as the empty one).
    private struct SettingKey: Hashable {
        var resource: String
        var option: String

        init(_ setting: borrowing OptionSetting) {
            resource = setting.resourceName ?? ""
            option = setting.optionName
        }
    }

    /// True when any option of the namespace is present.
    public func hasNamespace(_ namespace: String) -> Bool {
        all.contains { $0.namespace == namespace }
    }

    public var isEmpty: Bool { all.isEmpty }
}
