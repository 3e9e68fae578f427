using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>
/// Each kind of refusal is one warning event naming the client's address as the trusted proxy saw it, the policy or
/// limit and the reason, and one count of <c>actorsync.security.refusals</c> with that reason; client mistakes that are
/// not refusals (a syntax error) are neither.
/// </summary>
public sealed class SecurityEventsTests(SecurityEventsTests.Hosts hosts) : IClassFixture<SecurityEventsTests.Hosts>
{
    /// <summary>
    /// Real Kestrel behind a "proxy" on 127.0.0.1 (trusted, so X-Forwarded-For names the client), with a compare budget
    /// of one a minute and a 1 s body bound; and one that accepts persisted operations only.
    /// </summary>
    public sealed class Hosts : IDisposable
    {
        public KestrelApiFactory Open { get; } = new KestrelApiFactory()
            .With("TRUSTED_PROXIES", "127.0.0.1/32")
            .With("RateLimits:Enabled", "true")
            .With("RateLimits:ComparePerWindow", "1")
            .With("GraphQLHttp:BodyReadTimeout", "00:00:01");

        public KestrelApiFactory PersistedOnly { get; } = new KestrelApiFactory()
            .With("TRUSTED_PROXIES", "127.0.0.1/32")
            .With("PersistedOperations:OnlyPersisted", "true");

        public void Dispose()
        {
            Open.Dispose();
            PersistedOnly.Dispose();
        }
    }

    private const string Grj = "application/graphql-response+json";
    private const string Compare = "{ compareActors(tmdbIds: [287, 819]) { actors { name } } }";
    private static readonly string AliasBomb = "{ " + string.Join(" ", Enumerable.Range(0, 150).Select(i => $"a{i}: __typename")) + " }";
    private const string CostBomb = """{ searchActors(query: "a", first: 50) { nodes { knownFor(first: 50) { cast(first: 50) { actor { name } } } } } }""";

    private static int _nextClient;

    [Fact]
    public async Task A_rate_limited_request_is_one_warning_with_the_forwarded_client_the_policy_and_the_reason()
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(hosts.Open, Body(Compare), client)).Status);

        var answer = await PostAsync(hosts.Open, Body(Compare), client);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        var line = SingleEvent(hosts.Open, client);
        Assert.Contains("Refused rate_limited", line);
        Assert.Contains("policy compare 1/min", line);
        Assert.Contains(ErrorCodes.RateLimited, line);
        Assert.Equal(1, metric.Count("rate_limited"));
    }

    public static TheoryData<string, string, string?, string?, HttpStatusCode, string> Refusals() => new()
    {
        // name, body, content type, accept, status, reason (and the policy's text where it has one)
        { "an alias bomb", Body(AliasBomb), "application/json", Grj, HttpStatusCode.BadRequest, "too_complex|aliases limit 100" },
        { "a cost bomb", Body(CostBomb), "application/json", Grj, HttpStatusCode.BadRequest, "too_complex|cost limit 10000" },
        { "a 100 KB body", Body("{ __typename }", pad: 100 * 1024), "application/json", Grj, HttpStatusCode.RequestEntityTooLarge, "payload_too_large|limit 65536" },
        { "JSON that does not parse", "{\"query\": ", "application/json", Grj, HttpStatusCode.BadRequest, "bad_request" },
        { "a text/plain body", Body("{ __typename }"), "text/plain", Grj, HttpStatusCode.UnsupportedMediaType, "content_type_refused" },
        { "an Accept it cannot serve", Body("{ __typename }"), "application/json", "text/csv", HttpStatusCode.NotAcceptable, "not_acceptable" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_post_is_one_warning_with_the_client_and_the_reason_and_one_count(
        string name, string body, string? contentType, string? accept, HttpStatusCode status, string reason)
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);
        var (tag, policy) = (reason.Split('|')[0], reason.Split('|').ElementAtOrDefault(1));

        var answer = await PostAsync(hosts.Open, body, client, contentType, accept);

        Assert.True(answer.Status == status, $"{name}: {answer.Status} {answer.Body}");
        var line = SingleEvent(hosts.Open, client);
        Assert.Contains($"Refused {tag} from {client}:", line);
        if (policy is not null)
            Assert.Contains($"policy {policy}", line);
        Assert.Equal(1, metric.Count(tag));
        // Bounded: none of the request's text, whatever its size.
        Assert.DoesNotContain("__typename", line);
        Assert.DoesNotContain("xxxxxxxx", line);
        Assert.True(line.Length < 1200, line);
    }

    [Fact]
    public async Task A_too_complex_operation_in_a_batch_is_a_refusal_too()
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);

        var answer = await PostAsync(hosts.Open, $"[{Body("{ __typename }")}, {Body(CostBomb)}]", client);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Refused too_complex", SingleEvent(hosts.Open, client));
        Assert.Equal(1, metric.Count("too_complex"));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task A_refused_method_is_one_warning_and_one_count(string method)
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);
        using var http = new HttpClient { BaseAddress = hosts.Open.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql") { Content = new StringContent(Body("{ __typename }"), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", client);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains($"Refused method_refused from {client}: {method} /graphql answered 405 {ErrorCodes.MethodNotAllowed}", SingleEvent(hosts.Open, client));
        Assert.Equal(1, metric.Count("method_refused"));
    }

    [Fact]
    public async Task A_stalled_body_is_one_warning_with_the_client_and_the_time_bound()
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);

        var answer = await new RawHttp()
            .Send(RawHttp.Head("POST", "/graphql", "Content-Type: application/json", "Content-Length: 1000", $"X-Forwarded-For: {client}"))
            .Send("{\"query\": \"{ __typen")
            .Pause(TimeSpan.FromSeconds(10))
            .SendAsync(hosts.Open.BaseAddress, TimeSpan.FromSeconds(15));

        Assert.True(answer.Status == 408, answer.ToString());
        var line = SingleEvent(hosts.Open, client);
        Assert.Contains($"Refused stalled_body from {client}: POST /graphql answered 408 {ErrorCodes.RequestTimeout}, policy limit 1 s", line);
        Assert.Equal(1, metric.Count("stalled_body"));
    }

    [Fact]
    public async Task A_document_sent_where_only_persisted_operations_run_is_one_warning_and_one_count()
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.PersistedOnly);

        var answer = await PostAsync(hosts.PersistedOnly, Body("{ __typename }"), client);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains($"Refused persisted_only from {client}: POST /graphql answered 400 {PersistedOperations.Required}", SingleEvent(hosts.PersistedOnly, client));
        Assert.Equal(1, metric.Count("persisted_only"));
    }

    [Fact]
    public async Task Only_the_address_the_trusted_proxy_appended_names_the_client_not_one_the_client_wrote_before_it()
    {
        // Only the entry the trusted proxy appended counts; the client-written one on its left is ignored.
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);

        await PostAsync(hosts.Open, "{", $"198.51.100.250, {client}");

        Assert.Contains("Refused bad_request", SingleEvent(hosts.Open, client));
        Assert.DoesNotContain(hosts.Open.Logs.Lines, l => l.Contains("from 198.51.100.250:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_syntax_error_or_an_unknown_field_is_the_clients_mistake_not_a_security_event()
    {
        var client = NextClient();
        using var metric = new RefusalCounter(hosts.Open);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(hosts.Open, Body("{ actor(tmdbId: 287) { name }"), client)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(hosts.Open, Body("{ nope }"), client)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(hosts.Open, Body("{ actor(tmdbId: 0) { name } }"), client)).Status);

        Assert.DoesNotContain(hosts.Open.Logs.Lines, l => l.Contains($"from {client}:", StringComparison.Ordinal));
        Assert.Equal(0, metric.Total);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /// <summary>A documentation-range address of its own for each test, so its event is told apart from the others'.</summary>
    private static string NextClient() => $"203.0.113.{Interlocked.Increment(ref _nextClient)}";

    private static string Body(string query, int pad = 0) =>
        pad == 0 ? JsonSerializer.Serialize(new { query }) : JsonSerializer.Serialize(new { query, extensions = new { pad = new string('x', pad) } });

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(KestrelApiFactory host, string body, string client,
        string? contentType = "application/json", string? accept = Grj)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", client);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The one security event naming <paramref name="client"/>: a warning of <c>SecurityEvents</c>.</summary>
    private static string SingleEvent(KestrelApiFactory host, string client)
    {
        var lines = host.Logs.Lines.Where(l => l.Contains($"from {client}:", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"Expected one event for {client}; got:\n{string.Join("\n", lines)}");
        Assert.StartsWith("Warning ActorSync.GraphQL.Security.SecurityEvents: Refused ", lines[0]);
        return lines[0];
    }

    /// <summary>Counts <c>actorsync.security.refusals</c> by reason on one app's meter while it lives.</summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public RefusalCounter(KestrelApiFactory host)
        {
            var meter = host.Services.GetRequiredService<ActorSyncMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "actorsync.security.refusals")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, count) => count + value);
                }
            });
            _listener.Start();
        }

        public long Count(string reason) => _counts.GetValueOrDefault(reason);

        public long Total => _counts.Values.Sum();

        public void Dispose() => _listener.Dispose();
    }
}
