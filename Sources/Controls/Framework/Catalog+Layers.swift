extension Control {
    static let networkControls: [Control] = [privateSubnets, customVPC, instanceIngressFromLoadBalancer, noAdminPortsOpen, onlyListenerPortsPublic,
                                             egressLimited, databaseIngressFromInstances, databaseNotPublic, loadBalancerExposureIntended,
                                             noSSHKeyPair, endpointsAndWAF]
    static let dataControls: [Control] = [tlsTerminated, httpRedirected, tlsPolicyCurrent, endToEndTLS, bucketEncrypted, bucketPublicAccessBlocked,
                                          databaseEncrypted, databaseDecoupled, databaseMultiAZ, databaseRequiresTLS, noPlaintextSecretsInProperties,
                                          keyRotationEnabled, rootVolumesEncrypted, logGroupsEncrypted]
    static let runtimeControls: [Control] = [imdsV2Enforced, managedUpdatesEnabled, platformSupported, privilegedCodeReviewed,
                                             noHardcodedSecretsInBundle, secretsIntegrationUsed, safeDeploymentPolicy]
    static let detectionControls: [Control] = [enhancedHealth, logsStreamed, healthStreamed, notificationsConfigured, cloudTrailRecording,
                                               healthAlarm, controlPlaneActivity, configRecordsEB, accessLogsEnabled]
}
