using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorSync.TestHosts;

namespace ActorSync.Tools.StartupProfile;

/// <summary>
/// Starts the published API the way a woken instance starts, offline and then live (against the loopback TMDB
/// emulator), with the runtime logging every method it JIT-compiles, and sends what a first visitor sends: a
/// comparison (the cold-start figure's request), the web app's page, a search, an actor, the health endpoints.
/// </summary>
public static class ColdStarts
{
    private const string Compare = """{"query":"query CompareWithDetails($ids: [Int!]!) { compareActors(tmdbIds: $ids) { actors { tmdbId name } sharedMovies { movie { tmdbId title releaseYear runtime genres } roles { actor { name } character } } timeline { year entries { movie { title } shared } } } }","variables":{"ids":[287,819]}}""";

    private static readonly string[] Followers =
    [
        """{"query":"{ searchActors(query: \"tom\", first: 5) { edges { node { tmdbId name } } } }"}""",
        """{"query":"query Actor($id: Int!) { actor(tmdbId: $id) { id name credits { movie { title releaseYear } character } } }","variables":{"id":500}}""",
        """{"query":"{ movie(tmdbId: 550) { title cast { actor { name } character } } }"}""",
    ];

    public static async Task<List<string>> CollectAsync(string publishDirectory)
    {
        await using var emulator = await TmdbEmulator.StartAsync();
        var logs = new List<string>();
        foreach (var mode in new[] { "offline", "live" })
        {
            var log = Path.Combine(Path.GetTempPath(), $"actorsync-jit-{mode}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.txt");
            File.Delete(log);
            await RunAsync(publishDirectory, mode, emulator, log);
            logs.Add(log);
        }
        return logs;
    }

    private static async Task RunAsync(string publishDirectory, string mode, TmdbEmulator emulator, string log)
    {
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var apphost = Path.Combine(publishDirectory, "ActorSync.GraphQL");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(publishDirectory, "ActorSync.GraphQL.dll") } };
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = publishDirectory;
        foreach (var key in start.Environment.Keys.ToArray())
        {
            if (key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("TMDB_", StringComparison.Ordinal)
                || key is "PORT" or "REDIS_URL" || key.StartsWith("SENTRY_", StringComparison.Ordinal) || key.StartsWith("DOTNET_", StringComparison.Ordinal))
                start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["TMDB_MODE"] = mode;
        start.Environment["TMDB_API_KEY"] = emulator.ApiKey;
        start.Environment["TMDB_BASE_URL"] = emulator.BaseUrl;
        start.Environment["DOTNET_JitStdOutFile"] = log;
        start.Environment["DOTNET_JitDisasmSummary"] = "1";
        // The image's own code is not used: every method the start runs is compiled, so the log lists them all, in the
        // order they first ran (the profile orders the image by it), not only those the image lacks.
        start.Environment["DOTNET_ReadyToRun"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"The API ({mode}) exited with {process.ExitCode} before answering.");
                try
                {
                    await PostAsync(http, Compare);
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }
            }
            foreach (var body in Followers)
                await PostAsync(http, body);
            foreach (var path in new[] { "/", "/health/simple", "/health/complete" })
                (await http.GetAsync(path)).Dispose();
            Console.WriteLine($"startup-profile: {mode} run answered");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task PostAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/graphql", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"The API answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
