import Testing
@testable import IaC

/// Intrinsic evaluation returns plain data as it is and rewrites only what holds an intrinsic.
@Suite struct IntrinsicResolutionTests {
    static let template = """
    Parameters:
      Stage:
        Type: String
        Default: prod
    Resources:
      Bucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: plain-name
          Tags:
            - Key: a
              Value: one
            - Key: b
              Value: !Ref AWS::NoValue
            - !Ref AWS::NoValue
            - Key: stage
              Value: !Ref Stage
          Plain:
            Nested: [x, y, {z: w}]
          Dropped: !Ref AWS::NoValue
          Last: !Sub '${Stage}-bucket'
    """

    @Test func evaluatesOnlyIntrinsicsAndKeepsPlainData() throws {
        let root = try YAMLReader.parse(Self.template)
        let template = CFNTemplate(root: root, path: "t.yaml")
        let properties = try #require(root["Resources"]?["Bucket"]?["Properties"])
        let resolved = template.resolve(properties)
        #expect(resolved.entries?.map(\.key) == ["BucketName", "Tags", "Plain", "Last"])
        #expect(resolved["Last"]?.string == "prod-bucket")
        let tags = try #require(resolved["Tags"]?.items)
        #expect(tags.count == 3)
        #expect(tags[0]["Value"]?.string == "one")
        #expect(tags[1].entries?.map(\.key) == ["Key"])
        #expect(tags[2]["Value"]?.string == "prod")
        #expect(FastYAMLTests.difference(try #require(resolved["Plain"]), try #require(properties["Plain"])) == nil)
        #expect(resolved.line == properties.line && resolved.column == properties.column)
    }

    @Test func plainDataComesBackUnchanged() throws {
        let root = try YAMLReader.parse("a: [1, 2, {b: c}]\nd: {e: [f]}\n")
        let template = CFNTemplate(root: root, path: "t.yaml")
        #expect(FastYAMLTests.difference(template.resolve(root), root) == nil)
    }
}
