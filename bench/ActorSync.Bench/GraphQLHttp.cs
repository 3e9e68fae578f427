using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Bench;

/// <summary>One GraphQL answer as the bench sees it: status, body, parsed data and errors, and how long it took.</summary>
public sealed record GraphQLAnswer(int Status, string Body, JsonNode? Data, JsonArray? Errors, TimeSpan Elapsed, string? ResultCache)
{
    public bool Ok => Status == 200 && Errors is null && Data is not null;

    /// <summary>The first error's code and message, for reports.</summary>
    public string Problem => Errors is { Count: > 0 } errors
        ? $"{errors[0]?["extensions"]?["code"]}: {errors[0]?["message"]}"
        : $"HTTP {Status}: {Truncate(Body)}";

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>Posts GraphQL operations to the API under test (always loopback).</summary>
public static class GraphQLHttp
{
    /// <summary>An HTTP client for loopback only: no proxy, up to <paramref name="connections"/> connections.</summary>
    public static HttpClient CreateClient(int connections, TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        {
            Timeout = timeout,
        };

    /// <summary>The JSON body of a POST: <c>{"query": …, "variables": …}</c>.</summary>
    public static byte[] Body(string query, JsonObject? variables = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
            body["variables"] = variables.DeepClone();
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    public static HttpRequestMessage PostRequest(string baseUrl, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/graphql") { Content = content };
    }

    public static async Task<GraphQLAnswer> PostAsync(HttpClient http, string baseUrl, string query, JsonObject? variables, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = PostRequest(baseUrl, Body(query, variables));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            // Reported through Body.
        }
        var resultCache = response.Headers.TryGetValues("X-Result-Cache", out var values) ? values.FirstOrDefault() : null;
        return new GraphQLAnswer((int)response.StatusCode, body, json?["data"], json?["errors"] as JsonArray, elapsed, resultCache);
    }

    /// <summary>
    /// Reads <c>checks.app.process</c> from <c>GET /health/complete</c>: the API's CPU seconds, bytes allocated and gen-0
    /// collections so far (two readings around a run give its cost per request).
    /// </summary>
    public static async Task<ProcessTotals> ProcessTotalsAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(await http.GetStringAsync($"{baseUrl}/health/complete", cancellationToken));
        var process = json?["checks"]?["app"]?["process"]
            ?? throw new InvalidOperationException("GET /health/complete has no checks.app.process.");
        return new ProcessTotals(process["cpuSeconds"]!.GetValue<double>(), process["allocatedBytes"]!.GetValue<long>(),
            process["gcCollections"]!["gen0"]!.GetValue<int>());
    }

    /// <summary>Reads <c>checks.app.documentCache</c> from <c>GET /health/complete</c>.</summary>
    public static async Task<(long Hits, long Misses)> DocumentCacheAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(await http.GetStringAsync($"{baseUrl}/health/complete", cancellationToken));
        var cache = json?["checks"]?["app"]?["documentCache"]
            ?? throw new InvalidOperationException("GET /health/complete has no checks.app.documentCache.");
        return (cache["hits"]!.GetValue<long>(), cache["misses"]!.GetValue<long>());
    }
}

/// <summary>Running totals of the API process, from <c>/health/complete</c>.</summary>
public sealed record ProcessTotals(double CpuSeconds, long AllocatedBytes, int Gen0Collections)
{
    /// <summary>What one request of a run cost the API on average: CPU µs, KB allocated, gen-0 collections per 1,000 requests.</summary>
    public static string PerRequest(ProcessTotals before, ProcessTotals after, long requests) => requests <= 0
        ? "no requests"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"API per request: {(after.CpuSeconds - before.CpuSeconds) * 1e6 / requests:0} µs CPU, {(after.AllocatedBytes - before.AllocatedBytes) / 1024.0 / requests:0.0} KB allocated, {(after.Gen0Collections - before.Gen0Collections) * 1000.0 / requests:0.0} gen-0 GCs per 1,000");
}
