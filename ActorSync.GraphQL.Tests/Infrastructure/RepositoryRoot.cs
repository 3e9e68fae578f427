namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>The repository's root folder: the nearest ancestor of the test binaries that holds ActorSync.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path under the repository root, e.g. <c>Combine("tools", "graphql-http-audit")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ActorSync.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No ActorSync.sln above {AppContext.BaseDirectory}: cannot find the repository root.");
    }
}
