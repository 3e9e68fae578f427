using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Production's log output: one JSON object per line on standard output, with the fields of .NET's JSON console
/// formatter (<c>Timestamp</c>, <c>EventId</c>, <c>LogLevel</c>, <c>Category</c>, <c>Message</c>, <c>Exception</c>) and the
/// structured values under <c>State</c> (numbers as numbers; the message template is left out).
/// A line written while an <see cref="Activity"/> is current (during a request: ASP.NET Core's request activity, or a
/// span inside it) carries its W3C <c>TraceId</c> and <c>SpanId</c>, and <c>ParentId</c> (the parent span's id) when it
/// has a parent, as far as <see cref="LoggerFactoryOptions.ActivityTrackingOptions"/> asks for them (the host's default
/// asks for all three), so a request's lines can be found from its trace and the other way round. Lines written outside
/// a request (start-up, shutdown, timers) carry none; work a request started carries the request's.
/// Why not the console logger: it hands each line to its writer thread through a monitor and wakes that thread for
/// every line. At thousands of requests a second (one request line each) that was a quarter of the API's CPU in the
/// bench's profile. Here the logging thread formats its line and enqueues it without a lock; one writer thread wakes
/// every <see cref="FlushInterval"/> (or sooner when many lines wait) and writes everything queued in one write.
/// A line reaches the output at most that interval late; disposal (host shutdown) writes what is left.
/// </summary>
[ProviderAlias("Console")]
public sealed class JsonLinesLoggerProvider : ILoggerProvider
{
    /// <summary>Lines waiting beyond this are dropped (and counted in a line of their own) rather than held in memory.</summary>
    public const int MaxQueuedLines = 20_000;

    /// <summary>This many waiting lines wake the writer before its interval ends.</summary>
    private const int WakeAt = 512;

    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly Stream _output;
    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _writer;
    private readonly ConcurrentDictionary<string, JsonLinesLogger> _loggers = new(StringComparer.Ordinal);
    private readonly ActivityTrackingOptions _tracking;
    private int _queued;
    private long _dropped;
    private volatile bool _stopping;

    /// <summary>The ids a line carries when the host does not say (the host's own default: all three).</summary>
    public const ActivityTrackingOptions DefaultTracking = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId;

    public JsonLinesLoggerProvider()
        : this(Console.OpenStandardOutput())
    {
    }

    /// <param name="output">Where the lines go.</param>
    /// <param name="tracking">Which ids of the current activity a line carries: <c>TraceId</c>, <c>SpanId</c> and <c>ParentId</c> are written, other flags ignored.</param>
    public JsonLinesLoggerProvider(Stream output, ActivityTrackingOptions tracking = DefaultTracking)
    {
        _output = output;
        _tracking = tracking & DefaultTracking;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "ActorSync log writer" };
        _writer.Start();
    }

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new JsonLinesLogger(this, name));

    /// <summary>
    /// Writes what is queued and stops the writer. The wake-up event is left to the finalizer: a service that logs
    /// while the host shuts down must not meet a disposed event; its line is written at once instead.
    /// </summary>
    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        _wake.Set();
        _writer.Join(TimeSpan.FromSeconds(5));
    }

    private void Enqueue(byte[] line)
    {
        if (_stopping && !_writer.IsAlive)
        {
            lock (_output)
                Write(line);
            return;
        }
        if (Interlocked.Increment(ref _queued) > MaxQueuedLines)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _queue.Enqueue(line);
        if (Volatile.Read(ref _queued) == WakeAt || _stopping)
            _wake.Set();
    }

    private void WriteLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            var stopping = _stopping;
            if (!stopping)
                _wake.WaitOne(FlushInterval);
            Drain(buffer);
            if (stopping)
                return;
        }
    }

    private void Drain(ArrayBufferWriter<byte> buffer)
    {
        while (_queue.TryDequeue(out var line))
        {
            Interlocked.Decrement(ref _queued);
            buffer.Write(line);
            if (buffer.WrittenCount >= 256 * 1024)
                Flush(buffer);
        }
        if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            buffer.Write(Format(LogLevel.Warning, new EventId(0), typeof(JsonLinesLoggerProvider).FullName!,
                $"{dropped} log lines were dropped: more than {MaxQueuedLines} were waiting to be written.", null, null, null, ActivityTrackingOptions.None));
        if (buffer.WrittenCount > 0)
            Flush(buffer);
    }

    private void Flush(ArrayBufferWriter<byte> buffer)
    {
        lock (_output)
            Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _output.Write(bytes);
            _output.Flush();
        }
        catch (IOException)
        {
            // Standard output closed: nothing left to write to.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_line;

    /// <summary>One JSON line (with its newline), formatted in a buffer reused by the calling thread.</summary>
    private static byte[] Format(LogLevel level, EventId eventId, string category, string message, Exception? exception,
        IReadOnlyList<KeyValuePair<string, object?>>? state, Activity? activity, ActivityTrackingOptions tracking)
    {
        var line = t_line ?? new ArrayBufferWriter<byte>(1024);
        t_line = null;
        try
        {
            line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(line, WriterOptions))
            {
                json.WriteStartObject();
                Span<char> timestamp = stackalloc char[24];
                DateTime.UtcNow.TryFormat(timestamp, out var length, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                json.WriteString("Timestamp", timestamp[..length]);
                json.WriteNumber("EventId", eventId.Id);
                json.WriteString("LogLevel", level.ToString());
                json.WriteString("Category", category);
                json.WriteString("Message", message);
                if (exception is not null)
                    json.WriteString("Exception", exception.ToString());
                if (activity is { IdFormat: ActivityIdFormat.W3C } && tracking != ActivityTrackingOptions.None)
                    WriteIds(json, activity, tracking);
                if (state is { Count: > 0 })
                {
                    json.WriteStartObject("State");
                    foreach (var (key, value) in state)
                    {
                        if (key == "{OriginalFormat}")
                            continue;
                        WriteValue(json, key, value);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            line.Write("\n"u8);
            return line.WrittenSpan.ToArray();
        }
        finally
        {
            if (line.Capacity <= 16 * 1024)
                t_line = line;
        }
    }

    /// <summary>
    /// The activity's ids as 32 and 16 lowercase hex digits (W3C). An activity keeps its ids as hex strings once started,
    /// so this copies characters and allocates nothing.
    /// </summary>
    private static void WriteIds(Utf8JsonWriter json, Activity activity, ActivityTrackingOptions tracking)
    {
        if ((tracking & ActivityTrackingOptions.TraceId) != 0)
            json.WriteString("TraceId", activity.TraceId.ToHexString());
        if ((tracking & ActivityTrackingOptions.SpanId) != 0)
            json.WriteString("SpanId", activity.SpanId.ToHexString());
        // The request's own activity has one only when the caller sent traceparent (the caller's span); a span inside the
        // request (GraphQL.NET's, with OpenTelemetry on) has the request's.
        if ((tracking & ActivityTrackingOptions.ParentId) != 0 && activity.ParentSpanId != default)
            json.WriteString("ParentId", activity.ParentSpanId.ToHexString());
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case string s:
                json.WriteString(key, s);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case int i:
                json.WriteNumber(key, i);
                break;
            case long l:
                json.WriteNumber(key, l);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(key, d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumber(key, f);
                break;
            case decimal m:
                json.WriteNumber(key, m);
                break;
            case IReadOnlyList<string> list:
                // A list of texts (the settings check's problems) stays a JSON array, not its type name.
                json.WriteStartArray(key);
                foreach (var item in list)
                    json.WriteStringValue(item);
                json.WriteEndArray();
                break;
            case short or ushort or uint or ulong or byte or sbyte:
                json.WriteNumber(key, Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                json.WriteString(key, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(key, value.ToString());
                break;
        }
    }

    /// <summary>A category's logger; which levels it writes is decided by the logging filters (appsettings, Logging__LogLevel__…).</summary>
    private sealed class JsonLinesLogger(JsonLinesLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.None)
                return;
            var message = formatter(state, exception);
            if (string.IsNullOrEmpty(message) && exception is null)
                return;
            provider.Enqueue(Format(logLevel, eventId, category, message ?? "", exception, state as IReadOnlyList<KeyValuePair<string, object?>>,
                Activity.Current, provider._tracking));
        }
    }
}
