using ActorSync.GraphQL.Execution;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ActorSync.GraphQL.Tests.Execution;

/// <summary>
/// The direct path against GraphQL.NET on random operations (<see cref="RandomOperations"/>): every request is sent to
/// an app with the direct path and to one without, and the two answers must be the same status, headers and bytes.
/// A new seed each run; <c>ACTORSYNC_DIFF_SEED</c> replays one.
/// </summary>
public sealed partial class DirectPathDifferentialTests(ITestOutputHelper output) : BothPathsTestBase
{
    private const int Operations = 200;

    /// <summary>Headers that differ between any two requests, whichever path answers.</summary>
    private static readonly HashSet<string> PerRequestHeaders = new(StringComparer.OrdinalIgnoreCase) { "Date", "traceparent", "X-Request-Id" };

    private static readonly (HttpMethod Method, string Accept)[] Variants =
    [
        (HttpMethod.Post, "application/json"),
        (HttpMethod.Post, GraphQLEndpoint.GraphQLResponseJson),
        (HttpMethod.Get, "application/json"),
        (HttpMethod.Get, GraphQLEndpoint.GraphQLResponseJson),
    ];

    [Fact]
    public async Task Random_operations_sent_again_and_again_get_the_same_status_headers_and_bytes_from_both_paths()
    {
        var seed = Environment.GetEnvironmentVariable("ACTORSYNC_DIFF_SEED") is { Length: > 0 } replay
            ? int.Parse(replay, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"Seed {seed} (replay with ACTORSYNC_DIFF_SEED={seed})");
        var generator = new RandomOperations(seed);
        var order = new Random(seed);
        var direct = Direct.CreateClient();
        var engine = Engine.CreateClient();
        var documents = Direct.Services.GetRequiredService<DirectExecution>();
        var (answeredDirectly, withData, requests) = (0, 0, 0);
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < Operations; i++)
        {
            var operation = generator.Next();
            var before = documents.Answers;
            var hadData = false;
            string? outcome = null, firstBody = null;
            // Two rounds of every method and Accept: the document's first request is GraphQL.NET's in both apps.
            for (var round = 0; round < 2; round++)
            {
                foreach (var variant in Variants.OrderBy(_ => order.Next()))
                {
                    var expected = await SendAsync(engine, operation, variant);
                    var actual = await SendAsync(direct, operation, variant);
                    requests += 2;
                    var difference = Difference(expected, actual);
                    Assert.True(difference is null,
                        $"Seed {seed} (replay with ACTORSYNC_DIFF_SEED={seed}), operation {i}, round {round + 1}, {variant.Method} Accept {variant.Accept}:\n"
                        + $"{operation}\n{difference}");
                    if (i == 0 && round == 0 && firstBody is null)
                        output.WriteLine($"Headers compared, e.g. of the first answer ({variant.Method}, {variant.Accept}):\n{expected.Headers}");
                    firstBody ??= expected.Body;
                    outcome ??= $"{expected.Status} {CodePattern().Match(expected.Body).Groups[1].Value}".TrimEnd();
                    hadData |= expected.Status == 200 && !expected.Body.Contains("\"errors\"", StringComparison.Ordinal);
                    generator.SeeCursors(CursorPattern().Matches(expected.Body).Select(m => m.Groups[1].Value));
                }
            }
            outcomes[outcome!] = outcomes.GetValueOrDefault(outcome!) + 1;
            if (Environment.GetEnvironmentVariable("ACTORSYNC_DIFF_SHOW") is { Length: > 0 })
                output.WriteLine($"{outcome}\n{operation}\n{Clip(firstBody!, 0)}\n");
            if (hadData)
                withData++;
            if (documents.Answers > before)
                answeredDirectly++;
        }

        output.WriteLine($"{Operations} operations, {requests} requests; {withData} answered without errors, {answeredDirectly} of them on the direct path ({documents.Answers} direct answers in all).");
        output.WriteLine("First answers: " + string.Join(", ", outcomes.Select(o => $"{o.Key} x{o.Value}")));
        // Without direct answers the comparison proves nothing: most operations without errors must have been answered
        // directly, and most of their repeats (all 7 after the first request, when nothing is evicted).
        Assert.True(answeredDirectly >= withData * 3 / 4 && withData >= Operations / 3 && documents.Answers >= withData * 5,
            $"Seed {seed}: only {answeredDirectly} of {withData} operations without errors were answered directly ({Operations} generated, {documents.Answers} direct answers)");
        Assert.Equal(0, Engine.Services.GetRequiredService<DirectExecution>().Answers);
    }

    private sealed record Answer(int Status, string Headers, string Body);

    private static async Task<Answer> SendAsync(HttpClient http, GeneratedOperation operation, (HttpMethod Method, string Accept) variant)
    {
        using var request = variant.Method == HttpMethod.Get
            ? new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(operation.Query)
                + (operation.Variables.Count > 0 ? "&variables=" + Uri.EscapeDataString(operation.Variables.ToJsonString()) : ""))
            : new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent($$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(operation.Query)}},"variables":{{operation.Variables.ToJsonString()}}}""",
                    Encoding.UTF8, "application/json"),
            };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(variant.Accept));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !PerRequestHeaders.Contains(h.Key))
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        return new Answer((int)response.StatusCode, string.Join("\n", headers), body);
    }

    /// <summary>What differs between GraphQL.NET's answer and the direct app's, briefly; null when nothing does.</summary>
    private static string? Difference(Answer expected, Answer actual)
    {
        if (expected.Status != actual.Status)
            return $"status {expected.Status} from GraphQL.NET, {actual.Status} from the direct app\nGraphQL.NET: {Clip(expected.Body, 0)}\ndirect:      {Clip(actual.Body, 0)}";
        if (expected.Body == actual.Body)
        {
            return expected.Headers == actual.Headers ? null
                : $"headers differ\nGraphQL.NET:\n{expected.Headers}\ndirect:\n{actual.Headers}";
        }
        var at = 0;
        while (at < expected.Body.Length && at < actual.Body.Length && expected.Body[at] == actual.Body[at])
            at++;
        return $"bodies differ at character {at} (lengths {expected.Body.Length} and {actual.Body.Length})\n"
            + $"GraphQL.NET: …{Clip(expected.Body, at)}\ndirect:      …{Clip(actual.Body, at)}";
    }

    private static string Clip(string body, int at)
    {
        var start = Math.Max(0, at - 120);
        return body.Substring(start, Math.Min(body.Length - start, 320));
    }

    [GeneratedRegex("\"(?:cursor|startCursor|endCursor)\":\"([^\"]+)\"")]
    private static partial Regex CursorPattern();

    [GeneratedRegex("\"code\":\"([A-Z_]+)\"")]
    private static partial Regex CodePattern();
}
