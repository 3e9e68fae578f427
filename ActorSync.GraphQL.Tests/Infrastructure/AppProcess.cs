using System.Diagnostics;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// The built app (<c>ActorSync.GraphQL.dll</c>, copied beside the tests) run as its own process, the way the
/// container runs it: for what only a real process shows (its exit code, everything it writes, how long it takes).
/// </summary>
public static class AppProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "ActorSync.GraphQL.dll");

    /// <summary>The dotnet host running the tests (the CLI names it in DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    /// <summary>
    /// Runs the app with exactly <paramref name="environment"/> (none of the test process's variables) until it exits,
    /// or kills it after <paramref name="timeout"/>. Its content root is the tests' folder, which has its appsettings.json.
    /// </summary>
    public static async Task<(ProcessResult Result, TimeSpan Elapsed)> RunAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        var result = await ExternalProcess.RunAsync(DotNet, [Dll], AppContext.BaseDirectory, timeout, environment, inheritEnvironment: false);
        return (result, started.Elapsed);
    }
}
