/// The Secrets module. See DESIGN.md for its place in the data flow.
public enum SecretsModule {}
