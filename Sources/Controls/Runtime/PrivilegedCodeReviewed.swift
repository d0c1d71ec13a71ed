import Inventory

extension Control {
    /// EB-RUN-004: `.ebextensions` and platform hooks are reviewed as privileged code.
    static let privilegedCodeReviewed = Control(
        id: "EB-RUN-004", layer: .runtime, severity: .high,
        title: ".ebextensions and platform hooks contain no dangerous patterns",
        rationale: "Configuration files and hooks run as root on every instance. Piping downloads into a shell, fetching over plain HTTP, world-writable files, disabling SELinux or the firewall, shipping private keys, or opening security groups to the world from a bundle bypass every other control.",
        references: [.seed("003_d0be057354991c31.txt"), .doc("ebextensions.html"), .doc("platforms-linux-extend.html")],
        remediation: .manual("Download over HTTPS and verify checksums, never pipe into a shell, use least-privilege file modes (0644/0600), keep SELinux and the firewall on, keep keys in Secrets Manager, and define security groups outside the bundle."),
        examples: [
            .passes("no artifacts with dangerous lines") { $0.inventory.artifacts = [CodeArtifact(path: ".ebextensions/01.config", kind: .ebextensionsConfig, lines: [CodeLine(text: "yum install -y jq", context: "command", origin: .file(".ebextensions/01.config", line: 4))])] },
            .fails("curl piped to a shell in a hook") { $0.inventory.artifacts = [CodeArtifact(path: ".platform/hooks/prebuild/01.sh", kind: .platformHook, lines: [CodeLine(text: "curl -s https://get.example.com | sh", context: "hook", origin: .file(".platform/hooks/prebuild/01.sh", line: 3))])] },
            .fails("world-writable file mode") { $0.inventory.artifacts = [CodeArtifact(path: ".ebextensions/02.config", kind: .ebextensionsConfig, lines: [CodeLine(text: "000777", context: "file-mode", origin: .file(".ebextensions/02.config", line: 7))])] },
            .notAssessed("no files scanned (live audit)") { $0.inventory.artifacts = nil },
        ],
        evaluate: { context in
            guard let artifacts = context.artifacts else {
                return [.notAssessed("no source bundle or configuration files were scanned (use `ebguard scan`)")]
            }
            var outcomes: [Outcome] = []
            for artifact in artifacts where artifact.kind != .cloudFormation && artifact.kind != .terraform && artifact.kind != .terraformPlan {
                for line in artifact.lines {
                    if let problem = DangerousCode.problem(in: line) {
                        outcomes.append(.fail("\(problem): `\(line.text.prefix(160))`", resource: context.ref("File", artifact.path), origin: line.origin))
                    }
                }
                for secret in artifact.secrets where secret.hit.kind == .privateKey {
                    outcomes.append(.fail("private key embedded in \(artifact.path): \(secret.hit.redacted)", resource: context.ref("File", artifact.path), origin: secret.origin))
                }
            }
            for group in context.index.ebextensionsSecurityGroups {
                for rule in group.ingress where rule.isOpenToWorld && !(rule.covers(port: 80) || rule.covers(port: 443)) || rule.isOpenToWorld && rule.isAllTraffic {
                    outcomes.append(.fail("Resources: security group \(group.name ?? group.id) opens \(rule.portDescription) to \(rule.peerDescription)",
                                          resource: context.ref("AWS::EC2::SecurityGroup", group.id, name: group.name), origin: rule.origin ?? group.origin))
                }
            }
            if outcomes.isEmpty {
                let count = artifacts.reduce(0) { $0 + $1.lines.count }
                return [.pass("\(artifacts.count) file(s), \(count) privileged line(s) reviewed; no dangerous pattern")]
            }
            return outcomes
        })
}

/// Recognisers for dangerous lines in commands, hooks and file definitions.
enum DangerousCode {
    static func problem(in line: CodeLine) -> String? {
        let text = line.text.lowercased()
        if line.context == "file-mode" {
            let digits = text.filter(\.isNumber)
            if let last = digits.last, let value = last.wholeNumberValue, value & 2 != 0 { return "world-writable file mode \(line.text)" }
            return nil
        }
        let downloads = text.contains("curl ") || text.contains("wget ") || text.contains("fetch ")
        if downloads, text.contains("| sh") || text.contains("|sh") || text.contains("| bash") || text.contains("|bash") || text.contains("| sudo") {
            return "download piped into a shell"
        }
        if (downloads || line.context == "file-source" || text.hasPrefix("source:")), text.contains("http://") {
            return "download over plain HTTP"
        }
        if text.contains("chmod"), text.contains("777") || text.contains("o+w") || text.contains("a+w") || text.contains("666") {
            return "world-writable permissions"
        }
        if text.contains("setenforce 0") || text.contains("selinux=disabled") || text.contains("selinux=permissive") {
            return "SELinux disabled"
        }
        if text.contains("systemctl stop firewalld") || text.contains("systemctl disable firewalld") || text.contains("iptables -f")
            || text.contains("ufw disable") || text.contains("service iptables stop") {
            return "host firewall disabled"
        }
        if text.contains("--no-check-certificate") || text.contains("curl -k ") || text.contains("curl --insecure") {
            return "TLS verification disabled for a download"
        }
        return nil
    }
}
