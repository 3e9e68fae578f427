using ActorSync.GraphQL.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>Reads a YAML file of the repository (render.yaml, a workflow) as a tree of YamlDotNet nodes.</summary>
internal static class YamlFile
{
    /// <summary>The root mapping of the single document in <paramref name="relativePath"/> under the repository root.</summary>
    public static YamlMappingNode Load(string relativePath)
    {
        var path = RepositoryRoot.Combine(relativePath.Split('/'));
        Assert.True(File.Exists(path), $"{relativePath} is missing from the repository root ({RepositoryRoot.Path}).");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        Assert.True(stream.Documents.Count == 1, $"{relativePath} should hold one YAML document; it holds {stream.Documents.Count}.");
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new InvalidDataException($"The root of {relativePath} is not a mapping.");
    }

    /// <summary>The value under <paramref name="key"/>, or null when there is none.</summary>
    public static YamlNode? Get(this YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode scalar && scalar.Value == key).Value;

    public static bool Has(this YamlMappingNode mapping, string key) => mapping.Get(key) is not null;

    /// <summary>The scalar under <paramref name="key"/> as text, or null when it is missing or not a scalar.</summary>
    public static string? Text(this YamlMappingNode mapping, string key) => (mapping.Get(key) as YamlScalarNode)?.Value;

    public static YamlMappingNode Mapping(this YamlMappingNode mapping, string key) =>
        mapping.Get(key) as YamlMappingNode
        ?? throw new InvalidDataException($"`{key}` is missing or not a mapping (at line {mapping.Start.Line}).");

    public static YamlSequenceNode Sequence(this YamlMappingNode mapping, string key) =>
        mapping.Get(key) as YamlSequenceNode
        ?? throw new InvalidDataException($"`{key}` is missing or not a list (at line {mapping.Start.Line}).");

    /// <summary>The items of the list under <paramref name="key"/> that are mappings (services, steps, env vars…).</summary>
    public static IReadOnlyList<YamlMappingNode> Mappings(this YamlMappingNode mapping, string key) =>
        [.. mapping.Sequence(key).Children.OfType<YamlMappingNode>()];

    /// <summary>The scalar items of a list, e.g. a service's ports.</summary>
    public static IReadOnlyList<string> Texts(this YamlSequenceNode sequence) =>
        [.. sequence.Children.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "")];
}
