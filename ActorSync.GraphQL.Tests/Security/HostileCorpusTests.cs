using System.Net;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// The hostile corpus (<see cref="HostileCorpus"/>) against real Kestrel: every request gets the status and error code
/// it states, never a 5xx, and <c>/health/simple</c> still answers after each. The test host bounds a POST body to 1 s
/// and request headers to 1 s, so stalled and slow requests are refused quickly.
/// </summary>
public sealed class HostileCorpusTests(HostileCorpusTests.Host host) : IClassFixture<HostileCorpusTests.Host>
{
    public sealed class Host : IDisposable
    {
        public KestrelApiFactory Kestrel { get; } = new KestrelApiFactory()
            .With("GraphQLHttp:BodyReadTimeout", "00:00:01")
            .With("Kestrel:Limits:RequestHeadersTimeout", "00:00:01");

        public void Dispose() => Kestrel.Dispose();
    }

    public static TheoryData<HostileRequest> Cases() => Data(HostileCorpus.All());

    public static TheoryData<HostileRequest> CasesFixedElsewhere() => Data(HostileCorpus.FixedElsewhere());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_gets_its_status_and_code_never_a_5xx_and_the_server_stays_healthy(HostileRequest request) =>
        await AssertAnsweredAsync(request);

    /// <summary>These pass once the other branches of issue 13 are merged (fan-out, duplicate fragments, first: null, error order).</summary>
    [Theory]
    [MemberData(nameof(CasesFixedElsewhere))]
    public async Task A_hostile_request_fixed_on_another_branch_gets_its_answer_never_a_5xx_and_the_server_stays_healthy(HostileRequest request) =>
        await AssertAnsweredAsync(request);

    [Fact]
    public void The_corpus_has_at_least_100_uniquely_named_requests_in_every_category()
    {
        var corpus = HostileCorpus.All().Concat(HostileCorpus.FixedElsewhere()).ToArray();
        var names = corpus.Select(c => $"{c.Group}: {c.Name}").ToArray();

        Assert.True(names.Length >= 100, $"The corpus has {names.Length} requests.");
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(14, HostileCorpus.All().Select(c => c.Group).Distinct().Count());
    }

    private async Task AssertAnsweredAsync(HostileRequest request)
    {
        var server = host.Kestrel.BaseAddress;

        var answer = await request.Send(server);

        Assert.True((int)answer.Status < 500, $"[{request}] got a {(int)answer.Status}: {answer.Body}");
        BadInputCorpusTests.AssertAnswer(request.ToString(), request.Expected, answer);
        if (request.Expected is { Status: HttpStatusCode.OK, Code: null, Batch: null })
        {
            var json = JsonNode.Parse(answer.Body);
            Assert.True(json?["errors"] is null && json?["data"] is JsonObject, $"[{request}] expected data and no errors: {answer.Body}");
        }
        if (request.Check?.Invoke(answer) is { } problem)
            Assert.Fail($"[{request}] {problem}: {answer.Body}");
        await AssertHealthyAsync(server, request);
    }

    private static async Task AssertHealthyAsync(Uri server, HostileRequest after)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
        using var health = await http.GetAsync("/health/simple");
        Assert.True(health.StatusCode == HttpStatusCode.OK, $"/health/simple answered {(int)health.StatusCode} after [{after}]");
        Assert.Equal("healthy", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
    }

    private static TheoryData<HostileRequest> Data(IEnumerable<HostileRequest> requests)
    {
        var data = new TheoryData<HostileRequest>();
        foreach (var request in requests)
            data.Add(request);
        return data;
    }
}
