import Foundation
import Inventory
import Secrets

/// Elastic Load Balancing outputs → inventory.
enum ELBMapping {
    static func loadBalancers(_ json: JSONObject, origin: Origin) -> [LoadBalancer] {
        json.objects("LoadBalancers").compactMap { item in
            guard let arn = item.string("LoadBalancerArn") else { return nil }
            var balancer = LoadBalancer(id: arn, name: item.string("LoadBalancerName"), type: item.string("Type"), scheme: item.string("Scheme"))
            balancer.vpcId = item.string("VpcId")
            balancer.subnetIds = item.objects("AvailabilityZones").compactMap { $0.string("SubnetId") }
            balancer.securityGroupIds = item.strings("SecurityGroups")
            balancer.origin = origin
            return balancer
        }
    }

    static func classicLoadBalancers(_ json: JSONObject, origin: Origin) -> [LoadBalancer] {
        json.objects("LoadBalancerDescriptions").compactMap { item in
            guard let name = item.string("LoadBalancerName") else { return nil }
            var balancer = LoadBalancer(id: name, name: name, type: "classic", scheme: item.string("Scheme"))
            balancer.vpcId = item.string("VPCId")
            balancer.subnetIds = item.strings("Subnets")
            balancer.securityGroupIds = item.strings("SecurityGroups")
            balancer.listeners = item.objects("ListenerDescriptions").compactMap { description in
                guard let listener = description.object("Listener"), let port = listener.int("LoadBalancerPort") else { return nil }
                return Listener(port: port, protocolName: listener.string("Protocol") ?? "HTTP",
                                sslPolicy: description.strings("PolicyNames").first { $0.contains("SecurityPolicy") || $0.contains("ELBSecurityPolicy") },
                                certificateArns: [listener.string("SSLCertificateId")].compactMap { $0 }, defaultActions: [ListenerAction(type: "forward")], rules: [], origin: origin)
            }
            balancer.origin = origin
            return balancer
        }
    }

    static func listeners(_ json: JSONObject, origin: Origin) -> [(loadBalancerArn: String, listener: Listener)] {
        json.objects("Listeners").compactMap { item in
            guard let balancer = item.string("LoadBalancerArn"), let port = item.int("Port") else { return nil }
            let listener = Listener(arn: item.string("ListenerArn"), port: port, protocolName: item.string("Protocol") ?? "HTTP",
                                    sslPolicy: item.string("SslPolicy"), certificateArns: item.objects("Certificates").compactMap { $0.string("CertificateArn") },
                                    defaultActions: item.objects("DefaultActions").map(action), rules: nil, origin: origin)
            return (balancer, listener)
        }
    }

    static func action(_ item: JSONObject) -> ListenerAction {
        let redirect = item.object("RedirectConfig")
        return ListenerAction(type: item.string("Type") ?? "forward", redirectProtocol: redirect?.string("Protocol"), redirectPort: redirect?.string("Port"),
                              targetGroupArn: item.string("TargetGroupArn"))
    }

    /// Rules name their listener only through their ARN: `…:listener-rule/app/NAME/LB/LISTENER/RULE`.
    static func rules(_ json: JSONObject) -> [(listenerArn: String, rule: ListenerRule)] {
        json.objects("Rules").compactMap { item in
            guard let arn = item.string("RuleArn"), let listener = listenerArn(ofRule: arn) else { return nil }
            var rule = ListenerRule(arn: arn, priority: item.string("Priority"), isDefault: item.bool("IsDefault") ?? false)
            for condition in item.objects("Conditions") {
                let field = condition.string("Field") ?? ""
                let values = condition.strings("Values") + (condition.object("PathPatternConfig")?.strings("Values") ?? []) + (condition.object("HostHeaderConfig")?.strings("Values") ?? [])
                if field == "path-pattern" { rule.pathPatterns += values } else if field == "host-header" { rule.hostHeaders += values }
            }
            rule.actions = item.objects("Actions").map(action)
            return (listener, rule)
        }
    }

    static func listenerArn(ofRule arn: String) -> String? {
        // Searched in its bytes (an export holds thousands of rules; ARNs are ASCII).
        guard let range = TextSearch.range(of: ":listener-rule/", in: arn) else { return nil }
        let path = arn[range.upperBound...].split(separator: "/")
        guard path.count >= 5 else { return nil }
        return String(arn[..<range.lowerBound]) + ":listener/" + path.dropLast().joined(separator: "/")
    }

    static func attributes(_ json: JSONObject) -> [String: String] {
        var attributes: [String: String] = [:]
        for item in json.objects("Attributes") { if let key = item.string("Key") { attributes[key] = item.string("Value") ?? "" } }
        if let classic = json.object("LoadBalancerAttributes") {
            if let log = classic.object("AccessLog") { attributes["AccessLog.Enabled"] = (log.bool("Enabled") ?? false) ? "true" : "false" }
        }
        return attributes
    }
}
