using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorSync.Bench;

/// <summary>
/// The published API (its apphost, or <c>dotnet ActorSync.GraphQL.dll</c>) as a child process on 127.0.0.1 and a free port, in Production,
/// with exactly the environment the figure asks for. Its console log goes to a file under the bench's output folder.
/// Disposal kills it by its PID.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>
    /// The API logs every request at Information (several lines each), which is gigabytes over a run: past this many
    /// characters only warnings and errors are kept.
    /// </summary>
    private const long FullLogChars = 8 * 1024 * 1024;

    /// <summary>Inherited variables that would change what is measured, or send traffic off the machine (Sentry), or bind elsewhere (PORT).</summary>
    private static readonly string[] ClearedPrefixes = ["ASPNETCORE_", "DOTNET_URLS", "DOTNET_ENVIRONMENT", "TMDB_", "REDIS_URL", "PORT", "SENTRY_", "ALLOWED_ORIGINS", "TRUSTED_PROXIES"];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly List<(string Marker, TaskCompletionSource<TimeSpan> Seen)> _watches = [];
    private int _disposed;
    private long _tracking;
    private long _loggedChars;
    private long _outputBytes;
    private long _droppedLines;
    private bool _keepingEntry = true;

    private ApiProcess(Process process, long startedAt, string baseUrl, string logPath)
    {
        _process = process;
        StartedAt = startedAt;
        BaseUrl = baseUrl;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = false };
    }

    public int Pid => _process.Id;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BaseUrl { get; }

    public string LogPath { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Characters the API wrote to stdout and stderr so far (every line, also those left out of the log file).</summary>
    public long OutputBytes => Interlocked.Read(ref _outputBytes);

    public static ApiProcess Start(string apiDll, string label, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var port = FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        // As the image starts it: by its apphost (the API is published self-contained), else `dotnet <dll>`.
        var apphost = Path.Combine(Path.GetDirectoryName(apiDll)!, Path.GetFileNameWithoutExtension(apiDll));
        var start = new ProcessStartInfo(File.Exists(apphost) ? apphost : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        if (!File.Exists(apphost))
            start.ArgumentList.Add(apiDll);
        foreach (var key in start.Environment.Keys.ToArray())
        {
            if (key.Contains("__", StringComparison.Ordinal) || ClearedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
                start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["RateLimits__Enabled"] = "false";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        Directory.CreateDirectory(logDirectory);
        var logPath = Path.Combine(logDirectory, $"api-{label}.log");
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var api = new ApiProcess(process, startedAt, baseUrl, logPath);
        api._tracking = ChildProcesses.Track(() => ChildProcesses.Kill(process));
        process.OutputDataReceived += (_, e) => api.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => api.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Time since start when a log line containing <paramref name="marker"/> appears (call before it can appear).</summary>
    public Task<TimeSpan> WatchLogAsync(string marker)
    {
        var seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _watches.Add((marker, seen));
        return seen.Task;
    }

    /// <summary>Polls <c>GET /health/simple</c> until it answers 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before answering; see {LogPath}.");
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync($"{BaseUrl}/health/simple", attemptTimeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                    return Stopwatch.GetElapsedTime(StartedAt);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // That attempt took too long; try again.
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"The API did not answer /health/simple within {timeout.TotalSeconds:0} s; see {LogPath}.");
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException("The API never answered /health/simple.");
    }

    /// <summary><c>VmRSS</c> and <c>VmHWM</c> from <c>/proc/&lt;pid&gt;/status</c>, in bytes; null once the process is gone.</summary>
    public (long Rss, long Hwm)? ReadMemory()
    {
        try
        {
            long rss = -1, hwm = -1;
            foreach (var line in File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = ParseKilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    hwm = ParseKilobytes(line);
            }
            return rss < 0 || hwm < 0 ? null : (rss, hwm);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        ChildProcesses.Kill(_process);
        ChildProcesses.Untrack(_tracking);
        // Let the output readers reach the end of the streams before the log is closed (bounded: a stuck pipe is not waited for).
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        lock (_gate)
        {
            if (_droppedLines > 0)
                _log.WriteLine($"[bench: {_droppedLines} lines below Warning left out after the first {FullLogChars / 1024 / 1024} MB of log]");
            _log.Flush();
            _log.Dispose();
            foreach (var (_, seen) in _watches)
                seen.TrySetCanceled();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        Interlocked.Add(ref _outputBytes, line.Length + 1);
        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
                return;
            if (_loggedChars < FullLogChars)
            {
                _loggedChars += line.Length + 1;
                _log.WriteLine(line);
            }
            else
            {
                // The console format: "<level>: <category>" then indented message lines.
                if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                    _keepingEntry = true;
                else if (line.StartsWith("info:", StringComparison.Ordinal) || line.StartsWith("dbug:", StringComparison.Ordinal) || line.StartsWith("trce:", StringComparison.Ordinal))
                    _keepingEntry = false;
                if (_keepingEntry)
                    _log.WriteLine(line);
                else
                    _droppedLines++;
            }
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (!line.Contains(_watches[i].Marker, StringComparison.Ordinal))
                    continue;
                _watches[i].Seen.TrySetResult(Stopwatch.GetElapsedTime(StartedAt));
                _watches.RemoveAt(i);
            }
        }
    }

    private static long ParseKilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
