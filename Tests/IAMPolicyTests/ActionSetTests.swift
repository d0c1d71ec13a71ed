import Testing
@testable import IAMPolicy

/// The bit-set coverage analyses give exactly what the former `Set<String>` computation gave.
@Suite("Action sets")
struct ActionSetTests {
    /// The former implementation of `grantedActions`, kept as the reference.
    static func referenceGranted(_ principal: PrincipalPolicies, catalog: ActionCatalog = .shared) -> Set<String> {
        func allowed(_ documents: [PolicyDocument]) -> Set<String> {
            var result = Set<String>()
            for document in documents {
                for statement in document.statements where statement.effect == .allow {
                    switch statement.action {
                    case let .actions(patterns):
                        for pattern in patterns { result.formUnion(catalog.expandActions(pattern).map(\.name)) }
                    case let .notActions(patterns):
                        var excluded = Set<String>()
                        for pattern in patterns { excluded.formUnion(catalog.expandActions(pattern).map(\.name)) }
                        result.formUnion(Set(catalog.allActions).subtracting(excluded))
                    }
                }
            }
            return result
        }
        var granted = allowed(principal.policies.map(\.document))
        if let boundary = principal.permissionsBoundary { granted.formIntersection(allowed([boundary])) }
        for scp in principal.serviceControlPolicies { granted.formIntersection(allowed([scp])) }
        let documents = principal.policies.map(\.document) + [principal.permissionsBoundary].compactMap { $0 } + principal.serviceControlPolicies
        let denies = documents.flatMap(\.statements).filter { statement in
            statement.effect == .deny && statement.condition.isEmpty
                && (statement.resource?.applies(to: ResourceQuery("*"), context: RequestContext()) ?? .yes) == .yes
        }
        return granted.filter { name in !denies.contains { $0.action.applies(to: ActionQuery(name)) } }
    }

    static let policies: [(String, String?)] = [
        (#"{"Statement":[{"Effect":"Allow","Action":["s3:Get*","logs:PutLogEvents","ec?:Describe*"],"Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":["iam:*","s3:Delete*"],"Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*Object*","Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":["*Get*","s3:nosuch","nosuchservice:*","S3:GETOBJECT"],"Resource":"*"}]}"#, nil),
        (#"{"Statement":[{"Effect":"Allow","Action":["s3:*","dynamodb:*","iam:PassRole"],"Resource":"*"}]}"#,
         #"{"Statement":[{"Effect":"Allow","Action":["s3:Get*","dynamodb:Query"],"Resource":"*"}]}"#),
    ]

    @Test func grantedActionsMatchTheReference() throws {
        try #require(ActionCatalog.shared.actionCount > 0)
        for (json, boundary) in Self.policies {
            let p = try principal(json, boundary: boundary)
            #expect(PolicyAnalysis.grantedActions(p) == Self.referenceGranted(p), "\(json)")
        }
    }

    @Test func coverageGapsAreSortedAndMatchTheReference() throws {
        for (json, boundary) in Self.policies {
            let a = try principal(json, boundary: boundary)
            let b = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:*","logs:*"],"Resource":"*"}]}"#)
            let gap = PolicyAnalysis.notCovered(a, by: b)
            #expect(gap.missing == Self.referenceGranted(a).subtracting(Self.referenceGranted(b)).sorted(), "\(json)")
        }
    }

    @Test func tightenRemovesExactlyTheUnusedGrantedActions() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:PutObject"],"Resource":"*"}]}"#)
        let used = [UsedAction("s3:GetObject"), UsedAction("S3:PUTOBJECT"), UsedAction("nosuch:Thing")]
        let result = PolicyAnalysis.tighten(p, used: used)
        let expected = Self.referenceGranted(p).subtracting(["s3:GetObject", "s3:PutObject", "nosuch:Thing"]).sorted()
        #expect(result.removedActions == expected)
        // Without building the proposal: the same actions.
        let unused = PolicyAnalysis.unusedActions(granted: PolicyAnalysis.granted(p), used: used)
        #expect(unused.names == expected)
        #expect(unused.count == result.removedCount)
        #expect(unused.names(prefix: 3) == Array(expected.prefix(3)))
        // Handed the unused actions already worked out: the same proposal.
        let handed = PolicyAnalysis.tighten(p, unused: unused, used: used)
        #expect(handed == result)
        #expect(handed.json == result.json && handed.removedActions == expected)
    }

    @Test func nothingIsUnusedWhenEveryGrantedActionWasUsed() throws {
        let p = try principal(#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","logs:PutLogEvents"],"Resource":"*"}]}"#)
        let used = [UsedAction("s3:getobject"), UsedAction("logs:PutLogEvents", resources: ["arn:aws:logs:us-east-1:1:log-group:x"])]
        #expect(PolicyAnalysis.unusedActions(granted: PolicyAnalysis.granted(p), used: used).count == 0)
        #expect(PolicyAnalysis.tighten(p, used: used).removedCount == 0)
        #expect(PolicyAnalysis.unusedActions(granted: PolicyAnalysis.granted(p), used: Array(used.prefix(1))).names == ["logs:PutLogEvents"])
    }

    @Test func setAlgebra() {
        var a = ActionSet(capacity: 130)
        for id in [0, 63, 64, 129] { a.insert(id) }
        #expect(a.ids == [0, 63, 64, 129] && a.count == 4)
        let all = ActionSet.all(capacity: 130)
        #expect(all.count == 130 && !all.contains(130))
        #expect(all.subtracting(a).count == 126)
        var b = a
        b.formIntersection(ActionSet(capacity: 130))
        #expect(b.isEmpty)
    }
}
