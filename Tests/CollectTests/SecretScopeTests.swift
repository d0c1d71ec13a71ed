import Testing
@testable import Collect

@Suite struct SecretScopeTests {
    @Test func optionNamesLikeSecretsAreFoundInAnyCase() {
        for name in ["DBPassword", "PASSWORD", "ApiSecretValue", "authToken", "xTOKEN", "Pässword_secret", "TÖKEN"] {
            #expect(SecretScope.namedLikeSecret(name) == name.lowercased().contains("password")
                        || name.lowercased().contains("secret") || name.lowercased().contains("token"), "\(name)")
        }
        #expect(SecretScope.namedLikeSecret("MasterUserPassword"))
        #expect(SecretScope.namedLikeSecret("tOkEn"))
        #expect(!SecretScope.namedLikeSecret("InstanceType"))
        #expect(!SecretScope.namedLikeSecret("passwor"))
        #expect(!SecretScope.namedLikeSecret("Pässword"))
        #expect(!SecretScope.namedLikeSecret(""))
        #expect(!SecretScope.mayHoldSecret(namespace: "aws:autoscaling:launchconfiguration", option: "InstanceType"))
        #expect(SecretScope.mayHoldSecret(namespace: "aws:autoscaling:launchconfiguration", option: "SomeSecretName"))
    }
}
