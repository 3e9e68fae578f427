using ActorSync.GraphQL.Execution;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Observability;

/// <summary>
/// With OpenTelemetry on, an operation answered by the direct path has the span GraphQL.NET's executor gives the
/// operations it runs (source <c>GraphQL</c>, its name, kind, display name, tags and status), one per request, and so
/// does an operation whose direct attempt gave up and which GraphQL.NET then ran.
/// </summary>
public sealed class DirectExecutionSpanTests : LiveTmdbTestBase
{
    private const string Query = "query CareerSpan($id: Int!) { actor(tmdbId: $id) { name credits { movie { title releaseYear } character } } }";

    [Fact]
    public async Task A_repeated_query_answered_directly_has_the_span_GraphQL_NETs_executor_gave_it()
    {
        await using var collector = await LoopbackCollector.StartAsync();
        await using var factory = Traced(new ApiFactory(), collector);
        using var spans = new GraphQLSpans();
        var http = factory.CreateClient();
        var documents = factory.Services.GetRequiredService<DirectExecution>();

        var executed = await PostAsync(http, new { id = 287 });
        Assert.Equal(0, documents.Answers);
        string? direct = null;
        for (var i = 0; i < 5 && direct is null; i++)
        {
            var answers = documents.Answers;
            var trace = await PostAsync(http, new { id = 287 });
            if (documents.Answers > answers)
                direct = trace;
        }

        Assert.True(direct is not null, "The query was never answered by the direct path");
        var engineSpan = spans.Single(executed);
        var directSpan = spans.Single(direct);
        AssertSame(engineSpan, directSpan);
        Assert.Equal("query CareerSpan", directSpan.DisplayName);
        Assert.Equal("query", directSpan.GetTagItem("graphql.operation.type"));
        Assert.Equal("CareerSpan", directSpan.GetTagItem("graphql.operation.name"));
        Assert.Equal(Query, directSpan.GetTagItem("graphql.document"));
        Assert.Equal(ActivityStatusCode.Unset, directSpan.Status);
        Assert.True(directSpan.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_repeated_query_that_fails_has_one_span_with_the_error_status_as_when_GraphQL_NET_ran_it_first()
    {
        await using var collector = await LoopbackCollector.StartAsync();
        var factory = Traced(LiveApi(
            ("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020"),
            ("Tmdb:Resilience:AttemptTimeout", "00:00:00.300"),
            ("Tmdb:Resilience:TotalTimeout", "00:00:01.500")), collector);
        using var spans = new GraphQLSpans();
        var http = factory.CreateClient();
        var documents = factory.Services.GetRequiredService<DirectExecution>();
        Tmdb.FailAlways(503);

        var first = await PostAsync(http, new { id = 287 }, "UPSTREAM_UNAVAILABLE");
        var later = new List<string>();
        for (var i = 0; i < 3; i++)
            later.Add(await PostAsync(http, new { id = 287 }, "UPSTREAM_UNAVAILABLE"));

        // The direct path tried the compiled query and gave up on the missing data: GraphQL.NET answered.
        Assert.True(documents.Fallbacks > 0, "The direct path never tried the query");
        Assert.Equal(0, documents.Answers);
        var engineSpan = spans.Single(first);
        Assert.Equal(ActivityStatusCode.Error, engineSpan.Status);
        Assert.All(later, trace => AssertSame(engineSpan, spans.Single(trace)));
    }

    private static ApiFactory Traced(ApiFactory factory, LoopbackCollector collector) => factory
        .With("Caching:ResultCache", "false")
        .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseAddress.ToString().TrimEnd('/'))
        .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");

    /// <summary>Posts <see cref="Query"/> with a <c>traceparent</c> of its own; returns that trace id.</summary>
    private static async Task<string> PostAsync(HttpClient http, object variables, string? expectedCode = null)
    {
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Query, variables }) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (expectedCode is null)
            Assert.DoesNotContain("\"errors\"", body);
        else
            Assert.Contains(expectedCode, body);
        return trace;
    }

    /// <summary>Everything but ids and times: the span as a trace viewer shows it.</summary>
    private static void AssertSame(Activity expected, Activity actual)
    {
        Assert.Equal(expected.Source.Name, actual.Source.Name);
        Assert.Equal(expected.Source.Version, actual.Source.Version);
        Assert.Equal(expected.OperationName, actual.OperationName);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.StatusDescription, actual.StatusDescription);
        Assert.Equal(expected.Recorded, actual.Recorded);
        Assert.Equal(Tags(expected), Tags(actual));
        Assert.Equal(expected.Events.Select(e => e.Name), actual.Events.Select(e => e.Name));
        // Both are children of the request's own activity.
        Assert.Equal(expected.Parent?.OperationName, actual.Parent?.OperationName);
        Assert.NotNull(actual.Parent);
        Assert.Equal(actual.Parent!.SpanId, actual.ParentSpanId);
    }

    private static string[] Tags(Activity activity) => activity.TagObjects.Select(t => $"{t.Key}={t.Value}").ToArray();

    /// <summary>Every span of GraphQL.NET's source that ends while it listens, recorded (as OpenTelemetry's sampler does).</summary>
    private sealed class GraphQLSpans : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _stopped = new();
        private readonly ActivityListener _listener;

        public GraphQLSpans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "GraphQL",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The one span of the request of this trace (other tests' spans have other traces).</summary>
        public Activity Single(string traceId) => Assert.Single(_stopped, activity => activity.TraceId.ToHexString() == traceId);

        public void Dispose() => _listener.Dispose();
    }
}
