/// Live collection: AWS APIs → Inventory. See DESIGN.md.
public enum LiveCollectModule {}
