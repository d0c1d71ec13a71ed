/// What a plan needs from the person planning, beyond the facts: values only they can choose.
///
/// A control whose fix needs a missing input is listed under `notPlanned` with the flag to pass,
/// never planned with a placeholder value.
public struct PlanInputs: Sendable, Hashable {
    /// ACM certificate for the HTTPS listener (EB-DATA-001, and EB-DATA-002 when no HTTPS listener exists yet).
    public var certificateARN: String?
    /// Private subnets for the instances (EB-NET-001).
    public var privateSubnets: [String]
    /// Secrets Manager or SSM parameter ARNs for plain sensitive properties, by property name (EB-RUN-006).
    public var secretARNs: [String: String]
    /// S3 bucket for load balancer access logs (EB-DET-009).
    public var accessLogBucket: String?
    /// SNS topic for environment notifications (EB-DET-004).
    public var notificationTopicARN: String?
    /// Only these controls (all failing controls when `nil`).
    public var controls: Set<String>?

    public init(certificateARN: String? = nil, privateSubnets: [String] = [], secretARNs: [String: String] = [:],
                accessLogBucket: String? = nil, notificationTopicARN: String? = nil, controls: Set<String>? = nil) {
        self.certificateARN = certificateARN
        self.privateSubnets = privateSubnets
        self.secretARNs = secretARNs
        self.accessLogBucket = accessLogBucket
        self.notificationTopicARN = notificationTopicARN
        self.controls = controls
    }
}
