using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Observability;

/// <summary>
/// Every line Production writes during a request carries the request's W3C trace (<c>TraceId</c>, <c>SpanId</c>): the
/// caller's when it sent <c>traceparent</c>, so a request's lines can be found from the caller's trace. Lines written
/// outside a request carry none.
/// </summary>
public sealed class TraceLogCorrelationTests : LiveTmdbTestBase
{
    private static readonly string[] Resilience =
    [
        "Tmdb:Resilience:RetryBaseDelay=00:00:00.020",
        "Tmdb:Resilience:AttemptTimeout=00:00:00.300",
        "Tmdb:Resilience:TotalTimeout=00:00:01.500",
    ];

    [Fact]
    public async Task Every_line_a_failing_request_writes_carries_the_trace_id_of_the_callers_traceparent()
    {
        var lines = new LineStream();
        var factory = LiveApi(Resilience.Select(Setting).ToArray());
        factory.Environment = "Production";
        await using var app = WithJsonLines(factory, lines);
        var http = app.CreateClient();
        var mark = Mark(app);
        Tmdb.FailAlways(503);

        var (traceId, parentSpanId) = NewTraceparent(out var traceparent);
        using var answer = await PostAsync(http, "query Failing { actor(tmdbId: 287) { name } }", traceparent);
        Assert.Contains("UPSTREAM_UNAVAILABLE", await answer.Content.ReadAsStringAsync());

        await lines.WaitForAsync(IsRequestLine);
        var written = lines.After(mark).Where(line => !IsBackgroundWork(line)).ToArray();
        // The request line, and the warnings of the TMDB calls that failed while it waited.
        Assert.Contains(written, IsRequestLine);
        Assert.Contains(written, line => Field(line, "Category")!.StartsWith("ActorSync.Tmdb", StringComparison.Ordinal) && Field(line, "LogLevel") == "Warning");
        Assert.All(written, line => Assert.Equal(traceId, Field(line, "TraceId")));
        Assert.All(written, line => Assert.Matches("^[0-9a-f]{16}$", Field(line, "SpanId")));
        // The request's own activity is the caller's span's child.
        Assert.Equal(parentSpanId, Field(written.Single(IsRequestLine), "ParentId"));
    }

    [Fact]
    public async Task A_line_written_at_start_up_carries_no_trace()
    {
        var lines = new LineStream();
        await using var app = WithJsonLines(new ApiFactory { Environment = "Production" }, lines);
        app.CreateClient();

        var summary = await lines.WaitForAsync(IsStartupSummary);

        Assert.Null(Field(summary, "TraceId"));
        Assert.Null(Field(summary, "SpanId"));
        Assert.Null(Field(summary, "ParentId"));
    }

    [Fact]
    public async Task Request_lines_keep_their_trace_when_ASP_NET_Core_s_own_logs_are_silenced()
    {
        // ASP.NET Core starts its request activity when its logger is on; silenced, the app's listener still asks for it.
        var lines = new LineStream();
        var factory = new ApiFactory { Environment = "Production" }.With("Logging:LogLevel:Microsoft.AspNetCore", "None");
        await using var app = WithJsonLines(factory, lines, logging => logging.AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.None));
        var http = app.CreateClient();

        var (traceId, _) = NewTraceparent(out var traceparent);
        using var answer = await PostAsync(http, "{ actor(tmdbId: 287) { name } }", traceparent);
        answer.EnsureSuccessStatusCode();

        Assert.Equal(traceId, Field(await lines.WaitForAsync(IsRequestLine), "TraceId"));
    }

    [Fact]
    public async Task A_refused_requests_warning_and_request_line_carry_its_trace()
    {
        var lines = new LineStream();
        await using var app = WithJsonLines(new ApiFactory { Environment = "Production" }, lines);
        var http = app.CreateClient();
        var mark = Mark(app);

        var (traceId, _) = NewTraceparent(out var traceparent);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{ __typename }", Encoding.UTF8, "text/plain") };
        request.Headers.Add("traceparent", traceparent);
        using var answer = await http.SendAsync(request);
        Assert.Equal(415, (int)answer.StatusCode);

        await lines.WaitForAsync(IsRequestLine);
        var written = lines.After(mark).Where(line => !IsBackgroundWork(line)).ToArray();
        Assert.Contains(written, line => Field(line, "Category") == typeof(ActorSync.GraphQL.Security.SecurityEvents).FullName && Field(line, "LogLevel") == "Warning");
        Assert.All(written, line => Assert.Equal(traceId, Field(line, "TraceId")));
    }

    [Fact]
    public async Task A_request_without_traceparent_gets_a_trace_of_its_own()
    {
        var lines = new LineStream();
        await using var app = WithJsonLines(new ApiFactory { Environment = "Production" }, lines);
        var http = app.CreateClient();

        (await http.PostAsJsonAsync("/graphql", new { query = "{ a: actor(tmdbId: 287) { name } }" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/graphql", new { query = "{ b: actor(tmdbId: 287) { name } }" })).EnsureSuccessStatusCode();

        var requestLines = await lines.WaitForAsync(IsRequestLine, count: 2);
        var traces = requestLines.Select(line => Field(line, "TraceId")).ToArray();
        Assert.All(traces, trace => Assert.Matches("^[0-9a-f]{32}$", trace));
        Assert.NotEqual(traces[0], traces[1]);
        Assert.All(requestLines, line => Assert.Null(Field(line, "ParentId")));
    }

    [Fact]
    public async Task Development_console_lines_show_the_trace_in_their_scopes()
    {
        await using var factory = new ApiFactory { Environment = "Development" };
        factory.CreateClient();

        Assert.True(factory.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
        var tracking = factory.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId), tracking.ToString());
    }

    /// <summary>
    /// Writes a line through the app's logging and returns it: the lines after it are the next request's. The writer
    /// keeps the order lines were logged in, and the start-up logged everything before the client was created, but for
    /// the offline snapshot's background load (<see cref="IsBackgroundWork"/>).
    /// </summary>
    private static string Mark(WebApplicationFactory<Program> app)
    {
        var mark = $"test mark {Guid.NewGuid():N}";
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Test").LogInformation("{Mark}", mark);
        return mark;
    }

    private static (string Key, string Value) Setting(string setting) => (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);

    /// <summary>The app with its own JSON-lines logger (Production's) writing to <paramref name="lines"/>.</summary>
    private static WebApplicationFactory<Program> WithJsonLines(ApiFactory factory, LineStream lines, Action<ILoggingBuilder>? logging = null) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureServices(services => services.AddSingleton(new JsonLinesOutput(lines)));
            if (logging is not null)
                builder.ConfigureLogging(logging);
        });

    /// <summary>A <c>traceparent</c> of a caller's sampled span; returns its trace id and span id.</summary>
    private static (string TraceId, string SpanId) NewTraceparent(out string traceparent)
    {
        var (trace, span) = (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());
        traceparent = $"00-{trace}-{span}-01";
        return (trace, span);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string query, string traceparent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Add("traceparent", traceparent);
        return http.SendAsync(request);
    }

    /// <summary>
    /// The offline snapshot loads in the background after start-up and logs when done, outside any request (so with no
    /// trace); on a loaded machine that line can come after the mark.
    /// </summary>
    // By type, so that it follows the class when it moves (it moved from Tmdb/ to Composition/, and the name here did not).
    private static bool IsBackgroundWork(string line) => Field(line, "Category") == typeof(ActorSync.GraphQL.Composition.OfflineSnapshotWarmUp).FullName;

    private static bool IsRequestLine(string line) => Field(line, "Category") == typeof(RequestLogMiddleware).FullName;

    private static bool IsStartupSummary(string line) => Field(line, "Category") == "ActorSync";

    private static string? Field(string line, string name)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
