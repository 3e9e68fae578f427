using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ActorSync.GraphQL.Observability;
using Microsoft.Extensions.Logging;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed partial class JsonLinesLoggerTests
{
    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Served {Operation} in {DurationMs} ms with {Calls} calls, cached {Cached}")]
    private static partial void LogServed(ILogger logger, string operation, double durationMs, int calls, bool cached);

    [Fact]
    public void A_line_is_one_json_object_with_the_console_formatters_fields_and_typed_state_values()
    {
        var output = new LineStream();
        using (var provider = new JsonLinesLoggerProvider(output))
            LogServed(provider.CreateLogger("ActorSync.Test"), "CompareActors \"quoted\"", 12.5, 3, true);

        var line = Assert.Single(output.Lines());
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", root.GetProperty("Timestamp").GetString());
        Assert.Equal(7, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal("ActorSync.Test", root.GetProperty("Category").GetString());
        Assert.Equal("Served CompareActors \"quoted\" in 12.5 ms with 3 calls, cached True", root.GetProperty("Message").GetString());
        var state = root.GetProperty("State");
        Assert.Equal(JsonValueKind.Number, state.GetProperty("DurationMs").ValueKind);
        Assert.Equal(12.5, state.GetProperty("DurationMs").GetDouble());
        Assert.Equal(3, state.GetProperty("Calls").GetInt32());
        Assert.Equal(JsonValueKind.True, state.GetProperty("Cached").ValueKind);
        Assert.Equal("CompareActors \"quoted\"", state.GetProperty("Operation").GetString());
        Assert.False(state.TryGetProperty("{OriginalFormat}", out _));
        Assert.False(root.TryGetProperty("Exception", out _));
    }

    [Fact]
    public void A_line_written_under_an_activity_carries_its_trace_span_and_parent_ids()
    {
        var output = new LineStream();
        using var activity = new Activity("request").SetParentId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").Start();
        using (var provider = new JsonLinesLoggerProvider(output))
            provider.CreateLogger("ActorSync.Test").LogInformation("inside");

        using var json = JsonDocument.Parse(Assert.Single(output.Lines()));
        var root = json.RootElement;
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", root.GetProperty("TraceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), root.GetProperty("SpanId").GetString());
        Assert.Equal("b7ad6b7169203331", root.GetProperty("ParentId").GetString());
    }

    [Theory]
    [InlineData(ActivityTrackingOptions.None, new string[0])]
    [InlineData(ActivityTrackingOptions.TraceId, new[] { "TraceId" })]
    [InlineData(ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.Tags, new[] { "TraceId", "SpanId" })]
    public void A_line_carries_the_ids_the_activity_tracking_options_name(ActivityTrackingOptions tracking, string[] expected)
    {
        var output = new LineStream();
        using var activity = new Activity("request").SetParentId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").Start();
        using (var provider = new JsonLinesLoggerProvider(output, tracking))
            provider.CreateLogger("ActorSync.Test").LogInformation("inside");

        using var json = JsonDocument.Parse(Assert.Single(output.Lines()));
        var ids = json.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n is "TraceId" or "SpanId" or "ParentId" or "Tags");
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void A_line_written_with_no_current_activity_carries_no_ids()
    {
        var output = new LineStream();
        Activity.Current = null;
        using (var provider = new JsonLinesLoggerProvider(output))
            provider.CreateLogger("ActorSync.Test").LogInformation("outside");

        using var json = JsonDocument.Parse(Assert.Single(output.Lines()));
        Assert.False(json.RootElement.TryGetProperty("TraceId", out _));
        Assert.False(json.RootElement.TryGetProperty("SpanId", out _));
    }

    [Fact]
    public void An_exception_is_written_with_its_type_and_message_on_the_same_line()
    {
        var output = new LineStream();
        using (var provider = new JsonLinesLoggerProvider(output))
            provider.CreateLogger("ActorSync.Test").LogError(new InvalidOperationException("the\nbroken part"), "Failed {Path}", "compareActors");

        var line = Assert.Single(output.Lines());
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Error", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains("System.InvalidOperationException: the\nbroken part", json.RootElement.GetProperty("Exception").GetString());
    }

    [Fact]
    public async Task Lines_from_many_threads_all_arrive_whole_and_in_order_per_thread()
    {
        var output = new LineStream();
        using (var provider = new JsonLinesLoggerProvider(output))
        {
            var logger = provider.CreateLogger("ActorSync.Test");
            await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                    logger.LogInformation("thread {Thread} line {Line}", thread, i);
            })));
        }

        var lines = output.Lines();
        Assert.Equal(16_000, lines.Length);
        var seen = new int[8];
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var state = json.RootElement.GetProperty("State");
            var thread = state.GetProperty("Thread").GetInt32();
            Assert.Equal(seen[thread]++, state.GetProperty("Line").GetInt32());
        }
        Assert.All(seen, count => Assert.Equal(2000, count));
    }

    [Fact]
    public async Task Lines_are_written_within_a_moment_without_waiting_for_shutdown()
    {
        var output = new LineStream();
        using var provider = new JsonLinesLoggerProvider(output);
        provider.CreateLogger("ActorSync.Test").LogWarning("Redis is down");

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (output.Lines().Length == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Contains("Redis is down", Assert.Single(output.Lines()));
    }

    [Fact]
    public void When_the_output_is_stuck_lines_beyond_the_bound_are_dropped_and_counted()
    {
        var output = new LineStream { Gate = new ManualResetEventSlim(false) };
        using (var provider = new JsonLinesLoggerProvider(output))
        {
            var logger = provider.CreateLogger("ActorSync.Test");
            logger.LogInformation("first");
            Assert.True(output.Entered.Wait(TimeSpan.FromSeconds(5)), "The writer never started writing.");
            for (var i = 0; i < JsonLinesLoggerProvider.MaxQueuedLines + 5; i++)
                logger.LogInformation("line {Line}", i);
            output.Gate.Set();
        }

        var lines = output.Lines();
        Assert.Equal(1 + JsonLinesLoggerProvider.MaxQueuedLines + 1, lines.Length);
        Assert.Contains("\"first\"", lines[0]);
        Assert.Contains("5 log lines were dropped", lines[^1]);
        using var last = JsonDocument.Parse(lines[^2]);
        Assert.Equal(JsonLinesLoggerProvider.MaxQueuedLines - 1, last.RootElement.GetProperty("State").GetProperty("Line").GetInt32());
    }

    [Fact]
    public void A_line_logged_after_shutdown_is_written_at_once_and_does_not_throw()
    {
        var output = new LineStream();
        var provider = new JsonLinesLoggerProvider(output);
        var logger = provider.CreateLogger("ActorSync.Test");
        logger.LogInformation("before");
        provider.Dispose();

        logger.LogWarning("while shutting down");

        Assert.Equal(2, output.Lines().Length);
        Assert.Contains("while shutting down", output.Lines()[1]);
    }
}
