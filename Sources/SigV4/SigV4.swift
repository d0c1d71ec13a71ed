/// The SigV4 module. See DESIGN.md for its place in the data flow.
public enum SigV4Module {}
