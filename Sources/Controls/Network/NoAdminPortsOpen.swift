import Foundation
import Inventory

extension Control {
    /// EB-NET-004: no administrative port open to the world.
    static let noAdminPortsOpen = Control(
        id: "EB-NET-004", layer: .network, severity: .critical,
        title: "No administrative port is open to the internet",
        rationale: "SSH (22), RDP (3389) and WinRM (5985/5986) open to 0.0.0.0/0 or ::/0 are scanned and brute-forced within minutes. When EC2KeyName is set without SSHSourceRestriction, Elastic Beanstalk itself opens port 22 to the world.",
        references: [.seed("000_59b7f370cd5d1731.txt"), .seed("002_542e4eb9cb5cd64d.txt"), .securityHub("EC2.13"), .securityHub("EC2.14"), .awsConfig("restricted-ssh")],
        remediation: .options("Restrict SSH to a bastion security group (or remove the key pair and use Session Manager), and revoke world-open administrative rules.", [
            OptionChange("aws:autoscaling:launchconfiguration", "SSHSourceRestriction", "tcp, 22, 22, sg-BASTION"),
        ], commands: ["aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]"]),
        examples: [
            .passes("hardened baseline"),
            .fails("SSH open to the world on the instance group") { $0.securityGroup("sg-app") { $0.ingress.append(SecurityGroupRule(ipProtocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0")) } },
            .fails("IaC: key pair set without SSHSourceRestriction (EB opens 22 to the world)") { $0.inventory.source.kind = "iac"; $0.setOption("aws:autoscaling:launchconfiguration", "EC2KeyName", "ops-key") },
            .passes("key pair with SSH restricted to a bastion group") { $0.setOption("aws:autoscaling:launchconfiguration", "EC2KeyName", "ops-key"); $0.setOption("aws:autoscaling:launchconfiguration", "SSHSourceRestriction", "tcp, 22, 22, sg-bastion") },
        ],
        evaluate: { context in
            let adminPorts = [22, 3389, 5985, 5986]
            var outcomes: [Outcome] = []
            let (groups, missing) = context.allSecurityGroups
            // (Each group is read where the join holds it: most have no such rule, and copying a
            // group out copied every rule and string of it.)
            for position in groups.indices {
                let open = groups[position].ingress.filter { rule in rule.isOpenToWorld && adminPorts.contains { rule.covers(port: $0) } }
                if open.isEmpty { continue }
                let group = groups[position]
                outcomes.append(.fail(open.map { "\(group.id) admits \($0.portDescription) from \($0.peerDescription)" }, resource: context.groupRef(group), origin: open.first?.origin ?? group.origin))
            }
            let namespace = "aws:autoscaling:launchconfiguration"
            let restriction = context.option(namespace, "SSHSourceRestriction")
            let key = context.option(namespace, "EC2KeyName")
            if case .known(let text?, let setting) = restriction {
                let source = FastText.split(text, separators: EnvironmentContext.comma).last.map(FastText.trimmingWhitespace) ?? ""
                if source == "0.0.0.0/0" || source == "::/0" {
                    outcomes.append(.fail("\(namespace)/SSHSourceRestriction = \(text) opens SSH to the world", origin: setting?.origin))
                }
            } else if case .known(let keyName?, let setting) = key, !keyName.isEmpty, groups.isEmpty || context.inventory.source.kind == "iac" {
                outcomes.append(.fail("\(namespace)/EC2KeyName = \(keyName) without SSHSourceRestriction: Elastic Beanstalk opens port 22 to 0.0.0.0/0", origin: setting?.origin))
            }
            if !outcomes.isEmpty { return outcomes }
            if !missing.isEmpty { return [context.missingGroups(missing)] }
            if groups.isEmpty {
                if case .unknown(let reason) = restriction { return [.notAssessed(reason)] }
                return [.notAssessed("the environment's security groups are unknown")]
            }
            return [.pass("\(groups.count) security group(s): no administrative port open to the world")]
        })
}
