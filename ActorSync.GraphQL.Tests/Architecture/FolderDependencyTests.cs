using System.Text.RegularExpressions;
using ActorSync.GraphQL.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ActorSync.GraphQL.Tests.Architecture;

/// <summary>
/// The folders of ActorSync.GraphQL/ and how they depend on each other, read from the source text: feature folders
/// lean on a small kernel and not on each other, on the composition root or on the transport, so a newcomer can read
/// one folder without the rest. A text scan (no compiler) is enough because each folder is its own namespace (checked
/// below): a type of another folder can only be named through <c>using ActorSync.GraphQL.X;</c>, a <c>using static</c>
/// or alias, or a qualified <c>ActorSync.GraphQL.X.Type</c>, and each of them spells <c>ActorSync.GraphQL.X</c>.
/// </summary>
public sealed partial class FolderDependencyTests(ITestOutputHelper output)
{
    private const string Project = "ActorSync.GraphQL";

    /// <summary>A graph schema's Actors and Movies point at each other (an actor's movies, a movie's cast), and a few more may remain.</summary>
    private const int MaxTwoWayPairs = 4;

    /// <summary>The GraphQL features: resolvers and their graph types.</summary>
    private static readonly string[] FeatureFolders = ["Actors", "Movies", "Comparisons", "Search", "Paths", "Relay", "Scalars"];

    /// <summary>What features must not know: the composition root (it registers them), the schema built from them, the transport and the host.</summary>
    private static readonly string[] AboveFeatures = ["Composition", "Schema", "Http", "Hosting"];

    /// <summary>Folders that are not C# source.</summary>
    private static readonly string[] NotSource = ["bin", "obj", "Ide", "Properties"];

    [Fact]
    public void Each_folder_of_the_project_is_its_own_namespace()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file.Path);
            var declared = NamespaceLine().Matches(text).Select(match => match.Groups[1].Value).ToList();
            if (file.Folder is null)
            {
                // A type at the project root would be in the global namespace (or the root one), usable from every
                // folder without a using: only Program's top-level statements live there.
                if (file.Name != "Program.cs" || declared.Count > 0)
                    wrong.Add($"{file.Name} is at the project root; only Program.cs is");
                continue;
            }
            var expected = $"{Project}.{file.Namespace}";
            if (declared.Count != 1 || declared[0] != expected)
                wrong.Add($"{file.Folder}/{file.Name} declares [{string.Join(", ", declared)}], expected {expected}");
        }
        Assert.True(wrong.Count == 0, "Namespaces must follow folders:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void At_most_four_pairs_of_folders_depend_on_each_other()
    {
        var graph = Dependencies();
        var pairs = TwoWayPairs(graph).ToList();
        output.WriteLine($"{pairs.Count} two-way pairs: {string.Join(", ", pairs)}");
        foreach (var (folder, targets) in graph.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            output.WriteLine($"{folder} -> {string.Join(", ", targets.Keys.Order(StringComparer.Ordinal))}");
        Assert.True(pairs.Count <= MaxTwoWayPairs,
            $"{pairs.Count} pairs of folders depend on each other (at most {MaxTwoWayPairs}):\n"
            + string.Join("\n", pairs.Select(pair => Explain(graph, pair))));
    }

    [Fact]
    public void Feature_folders_do_not_depend_on_the_composition_root_the_schema_or_the_transport()
    {
        var graph = Dependencies();
        var wrong = (from feature in FeatureFolders
                     where graph.ContainsKey(feature)
                     from target in graph[feature]
                     where AboveFeatures.Contains(target.Key)
                     select $"{feature} -> {target.Key} ({string.Join(", ", target.Value)})").ToList();
        Assert.True(wrong.Count == 0, "Feature folders use the kernel, not what is built on them:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_feature_and_root_folders_this_test_names_exist()
    {
        // Renaming a folder must not quietly turn the rules above into no-ops.
        var folders = SourceFiles().Select(file => file.Folder).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = FeatureFolders.Concat(["Composition", "Schema", "Http", "Kernel"]).Where(folder => !folders.Contains(folder)).ToList();
        Assert.True(missing.Count == 0, "No such folder: " + string.Join(", ", missing));
    }

    /// <summary>"A-B" for each pair of folders where each uses the other, in order.</summary>
    private static IEnumerable<string> TwoWayPairs(Dictionary<string, Dictionary<string, SortedSet<string>>> graph) =>
        from source in graph.Keys.Order(StringComparer.Ordinal)
        from target in graph[source].Keys.Order(StringComparer.Ordinal)
        where string.CompareOrdinal(source, target) < 0 && graph.TryGetValue(target, out var back) && back.ContainsKey(source)
        select $"{source}-{target}";

    private static string Explain(Dictionary<string, Dictionary<string, SortedSet<string>>> graph, string pair)
    {
        var (a, b) = (pair.Split('-')[0], pair.Split('-')[1]);
        return $"{pair}: {a} -> {b} in {string.Join(", ", graph[a][b])}; {b} -> {a} in {string.Join(", ", graph[b][a])}";
    }

    /// <summary>Folder → folders it names → the files that name them. The project root (Program.cs) is left out: it is the top.</summary>
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> Dependencies()
    {
        var files = SourceFiles().ToList();
        var folders = files.Select(file => file.Folder).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var graph = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var file in files.Where(file => file.Folder is not null))
        {
            var text = NamespaceLine().Replace(File.ReadAllText(file.Path), "");
            foreach (Match match in QualifiedName().Matches(text))
            {
                var target = match.Groups[1].Value;
                if (target == file.Folder || !folders.Contains(target))
                    continue;
                var targets = graph.TryGetValue(file.Folder!, out var known) ? known : graph[file.Folder!] = new(StringComparer.Ordinal);
                (targets.TryGetValue(target, out var names) ? names : targets[target] = new(StringComparer.Ordinal)).Add($"{file.Folder}/{file.Name}");
            }
        }
        return graph;
    }

    /// <summary>A file, its top folder under the project (null at the root) and the namespace its folders spell.</summary>
    private sealed record SourceFile(string Path, string? Folder, string Namespace, string Name);

    private static IEnumerable<SourceFile> SourceFiles()
    {
        var root = RepositoryRoot.Combine(Project);
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(root, path).Split(System.IO.Path.DirectorySeparatorChar);
            if (relative.Length > 1 && NotSource.Contains(relative[0]))
                continue;
            // A sub-folder counts as part of its top folder; its namespace adds its name.
            yield return relative.Length == 1
                ? new SourceFile(path, null, "", relative[0])
                : new SourceFile(path, relative[0], string.Join('.', relative[..^1]), relative[^1]);
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\bActorSync\.GraphQL\.(\w+)")]
    private static partial Regex QualifiedName();
}
