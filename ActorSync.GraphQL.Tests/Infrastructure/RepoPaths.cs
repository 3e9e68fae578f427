namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>Locates files of the repository from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ActorSync.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (no ActorSync.sln above " + AppContext.BaseDirectory + ").");
    }
}
