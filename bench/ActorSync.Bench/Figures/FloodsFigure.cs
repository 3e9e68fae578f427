using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 7, floods: traffic made so that every request is new to the API's caches (distinct documents, distinct large
/// variables, automatic persisted query registrations), each flood against a fresh offline API (TMDB_MODE=offline, no
/// Redis, rate limits off: an attacker has many addresses). Reported per flood: VmHWM (the process peak, loading
/// included) and VmRSS at the end from /proc, requests answered and their status codes; no answer may be a 5xx.
/// </summary>
public static class FloodsFigure
{
    private const string Name = "floods";
    private const int Connections = 6;
    private const long TargetBytes = 256L * 1024 * 1024;

    /// <summary>One flood: its row label, how many requests, and the body of the i-th.</summary>
    private sealed record Flood(string Key, string Label, int Requests, Func<int, byte[]> Body);

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        var scale = rig.Options.Quick ? 4 : 1;
        Flood[] floods =
        [
            new("a", "80 documents x 64 distinct ~50 KB variable sets", 80 * 64 / scale, VariablesFlood),
            new("b", "2,000 distinct ~60 KB documents of long aliases", 2000 / scale, i => Body(AliasDocument(i))),
            new("c", "2,000 distinct ~60 KB documents of comments", 2000 / scale, i => Body(CommentDocument(i))),
            new("d", "2,000 APQ registrations of ~60 KB", 2000 / scale, ApqRegistration),
            new("e", "5,000 distinct small documents", 5000 / scale, i => Body($"query Small{i} {{ actor(tmdbId: {287 + i % 50}) {{ name }} }}")),
        ];
        Console.WriteLine($"\n[7] Floods: each against a fresh offline API (no Redis, rate limits off: RateLimits__Enabled=false, as an attacker has many addresses), " +
                          $"{Connections} connections; VmHWM and VmRSS from /proc/<pid>/status");
        foreach (var flood in floods)
        {
            rig.CancellationToken.ThrowIfCancellationRequested();
            await RunFloodAsync(rig, flood, command);
        }
    }

    private static async Task RunFloodAsync(Rig rig, Flood flood, string command)
    {
        await using var api = rig.StartOfflineApi($"{Name}-{flood.Key}");
        await api.WaitHealthyAsync(rig.Http, TimeSpan.FromSeconds(60), rig.CancellationToken);
        await MemoryFigure.WaitForActorAsync(rig, api);
        var before = api.ReadMemory();

        var statuses = new Dictionary<int, int>();
        var failures = 0;
        string? firstFailure = null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var http = GraphQLHttp.CreateClient(Connections, TimeSpan.FromSeconds(60));
        await Parallel.ForEachAsync(Enumerable.Range(0, flood.Requests),
            new ParallelOptions { MaxDegreeOfParallelism = Connections, CancellationToken = rig.CancellationToken },
            async (i, cancellationToken) =>
            {
                try
                {
                    using var request = GraphQLHttp.PostRequest(api.BaseUrl, flood.Body(i));
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
                    using var response = await http.SendAsync(request, cancellationToken);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    lock (statuses)
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, $"{ex.GetType().Name}: {ex.Message}", null);
                }
            });
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var after = api.ReadMemory() ?? throw new InvalidOperationException($"The API exited during the flood; see {api.LogPath}.");
        var budget = await BudgetAsync(rig, api);

        var answered = statuses.Values.Sum();
        var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var codes = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  7{flood.Key}. {flood.Label}: {answered}/{flood.Requests} answered in {elapsed.TotalSeconds:0.0} s ({codes}){(failures > 0 ? $", {failures} not answered ({firstFailure})" : "")}; " +
            $"RSS before {(before is { } b ? Report.Mb(b.Rss) : "?")}, peak (VmHWM) {Report.Mb(after.Hwm)}, at the end {Report.Mb(after.Rss)}{budget}"));
        var pass = after.Hwm < TargetBytes && serverErrors == 0 && failures == 0;
        rig.Report.Add(new FigureRow($"7{flood.Key}. flood: {flood.Label}, peak RSS", Report.Mb(after.Hwm) + $" (end {Report.Mb(after.Rss)}, {answered} answered, {serverErrors} 5xx)",
            "< 256 MB, no 5xx", pass, command));
    }

    /// <summary>The request caches' budget as <c>/health/complete</c> reports it, when it does (the API before the budget did not).</summary>
    private static async Task<string> BudgetAsync(Rig rig, ApiProcess api)
    {
        try
        {
            var json = JsonNode.Parse(await rig.Http.GetStringAsync($"{api.BaseUrl}/health/complete", rig.CancellationToken));
            return json?["checks"]?["app"]?["requestCaches"] is { } budget
                ? $"; request-cache budget {Report.Mb(budget["usedBytes"]!.GetValue<long>())} used of {Report.Mb(budget["limitBytes"]!.GetValue<long>())}, {budget["entries"]} entries"
                : "";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>
    /// 80 operations (names differ, so 80 documents), each sent with 64 variable sets of about 50 KB: an actor id and a
    /// distinct padding string the operation declares and uses in a field it skips (valid, so everything is remembered).
    /// </summary>
    private static byte[] VariablesFlood(int i)
    {
        var document = i % 80;
        var query = $"query Vars{document}($id: Int!, $pad: ID!) {{ actor(tmdbId: $id) {{ name }} padding: node(id: $pad) @skip(if: true) {{ id }} }}";
        var variables = new JsonObject { ["id"] = 287 + i % 50, ["pad"] = Padding(i, 50_000) };
        return GraphQLHttp.Body(query, variables);
    }

    /// <summary>About 60 KB: 58 distinct aliases of 1,000 characters (under the 100-alias limit) on __typename.</summary>
    private static string AliasDocument(int i)
    {
        var text = new StringBuilder(62_000).Append("query Aliases").Append(i).Append(" {");
        for (var a = 0; a < 58; a++)
            text.Append(' ').Append('a').Append(a).Append('_').Append(i).Append('_').Append('x', 1000).Append(": __typename");
        return text.Append(" }").ToString();
    }

    /// <summary>About 60 KB: comment lines (ignored by the parser) around a one-field operation.</summary>
    private static string CommentDocument(int i)
    {
        var text = new StringBuilder(62_000);
        for (var line = 0; line < 60; line++)
            text.Append("# ").Append(i).Append(' ').Append(line).Append(' ').Append('c', 990).Append('\n');
        return text.Append("query Comments").Append(i).Append(" { __typename }").ToString();
    }

    /// <summary>Apollo's registration: the query with its SHA-256 in extensions.persistedQuery.</summary>
    private static byte[] ApqRegistration(int i)
    {
        var query = CommentDocument(1_000_000 + i);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
        var body = new JsonObject
        {
            ["query"] = query,
            ["extensions"] = new JsonObject { ["persistedQuery"] = new JsonObject { ["version"] = 1, ["sha256Hash"] = hash } },
        };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    private static byte[] Body(string query) => GraphQLHttp.Body(query);

    /// <summary>A distinct ASCII string of <paramref name="length"/> characters.</summary>
    private static string Padding(int i, int length)
    {
        var prefix = i.ToString(CultureInfo.InvariantCulture) + ":";
        return prefix + new string('p', length - prefix.Length);
    }
}
