using ActorSync.GraphQL.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>.github/dependabot.yml: weekly, grouped updates of every kind of dependency the repository has.</summary>
public sealed class DependabotTests
{
    private const string ConfigPath = ".github/dependabot.yml";

    /// <summary>Folders that hold installed or built files, never a package.json of the repository's own.</summary>
    private static readonly string[] SkippedFolders = ["node_modules", "bin", "obj", ".git", "TestResults"];

    private static readonly YamlMappingNode Config = YamlFile.Load(ConfigPath);

    private static IReadOnlyList<YamlMappingNode> Updates() => Config.Mappings("updates");

    private static IEnumerable<YamlMappingNode> Updates(string ecosystem) =>
        Updates().Where(update => update.Text("package-ecosystem") == ecosystem);

    /// <summary>The folders of an entry, <c>directory: /</c> or <c>directories: [...]</c>, without a trailing slash.</summary>
    private static IEnumerable<string> Directories(YamlMappingNode update) =>
        (update.Has("directories") ? update.Sequence("directories").Texts() : [update.Text("directory") ?? ""])
            .Select(directory => directory.Length > 1 ? directory.TrimEnd('/') : directory);

    [Fact]
    public void The_file_is_version_2()
    {
        Assert.Equal("2", Config.Text("version"));
    }

    [Theory]
    [InlineData("nuget")]
    [InlineData("github-actions")]
    [InlineData("docker")]
    public void An_ecosystem_of_the_repository_root_is_updated(string ecosystem)
    {
        Assert.Contains(Updates(ecosystem).SelectMany(Directories), directory => directory == "/");
    }

    [Fact]
    public void Every_package_json_of_the_repository_is_updated_by_npm()
    {
        var covered = Updates("npm").SelectMany(Directories).ToHashSet(StringComparer.Ordinal);
        var folders = PackageJsonFolders(RepositoryRoot.Path).ToList();

        Assert.Contains("/tools/actionlint", folders);
        foreach (var folder in folders)
            Assert.True(covered.Contains(folder), $"{folder}/package.json has no npm entry in {ConfigPath}.");
        foreach (var directory in covered)
            Assert.True(folders.Contains(directory), $"{ConfigPath} updates npm in {directory}, which has no package.json.");
    }

    [Fact]
    public void Every_entry_runs_weekly_and_groups_all_its_updates_in_one_pull_request()
    {
        Assert.NotEmpty(Updates());
        foreach (var update in Updates())
        {
            var name = $"{update.Text("package-ecosystem")} ({string.Join(", ", Directories(update))})";
            Assert.True(update.Mapping("schedule").Text("interval") == "weekly", $"{name} should be checked weekly.");
            var groups = update.Mapping("groups").Children.Values.OfType<YamlMappingNode>();
            Assert.True(groups.Any(group => group.Sequence("patterns").Texts().Contains("*")),
                $"{name} should have a group with patterns: [\"*\"], so its updates come in one pull request.");
        }
    }

    /// <summary>The folders (as <c>/tools/actionlint</c>) holding a package.json, outside installed and built files.</summary>
    private static IEnumerable<string> PackageJsonFolders(string root)
    {
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                var relative = Path.GetRelativePath(root, folder.FullName).Replace(Path.DirectorySeparatorChar, '/');
                yield return relative == "." ? "/" : "/" + relative;
            }
            foreach (var child in folder.EnumerateDirectories().Where(child => !SkippedFolders.Contains(child.Name)))
                pending.Push(child);
        }
    }
}
