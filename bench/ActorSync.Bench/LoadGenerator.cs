using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ActorSync.Bench;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(string Name, int Connections, TimeSpan Measured, long Requests, long Failures, double Rps, double P50Ms, double P99Ms, string? FirstFailure)
{
    /// <summary>Every request sent, warm-up included (what the API did work for during the run).</summary>
    public long Sent { get; init; }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Rps:0} req/s, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms ({Requests} requests in {Measured.TotalSeconds:0.0} s over {Connections} connections, {Failures} failed{(FirstFailure is null ? "" : $"; first: {FirstFailure}")})");
}

/// <summary>
/// The bench's own closed-loop load generator: <c>connections</c> loops share one <see cref="HttpClient"/> (SocketsHttpHandler,
/// MaxConnectionsPerServer = connections), each sending its next request when the previous answer has been read. A warm-up
/// phase runs first and is not recorded. Bounded in time (warm-up + duration, plus at most one request timeout) and in
/// count (<see cref="MaxRequests"/>).
/// </summary>
public static class LoadGenerator
{
    public const long MaxRequests = 20_000_000;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="request">Builds the next request of a loop; the loop's own <see cref="Random"/> (seeded) picks among variants.</param>
    /// <param name="isSuccess">Whether an answer counts as a success (status and body).</param>
    public static async Task<LoadResult> RunAsync(
        string name,
        int connections,
        TimeSpan warmUp,
        TimeSpan duration,
        Func<Random, HttpRequestMessage> request,
        Func<HttpStatusCode, byte[], bool> isSuccess,
        CancellationToken cancellationToken)
    {
        using var http = GraphQLHttp.CreateClient(connections, RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + ToTicks(warmUp);
        var measureUntil = measureFrom + ToTicks(duration);
        long issued = 0;
        long lastCompletion = measureFrom;
        string? firstFailure = null;

        var loops = Enumerable.Range(0, connections).Select(loop => Task.Run(async () =>
        {
            var random = new Random(1000 + loop);
            var latencies = new List<int>(capacity: 1 << 14);
            long failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var sentAt = Stopwatch.GetTimestamp();
                if (sentAt >= measureUntil || Interlocked.Increment(ref issued) > MaxRequests)
                    break;
                var ok = false;
                string? failure = null;
                try
                {
                    using var message = request(random);
                    using var response = await http.SendAsync(message, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    ok = isSuccess(response.StatusCode, body);
                    if (!ok)
                        failure = $"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200))}";
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    failure = $"{ex.GetType().Name}: {ex.Message}";
                }
                var doneAt = Stopwatch.GetTimestamp();
                if (sentAt < measureFrom)
                    continue;
                if (ok)
                    latencies.Add((int)Math.Min(int.MaxValue, (doneAt - sentAt) * 1_000_000 / Stopwatch.Frequency));
                else
                {
                    failures++;
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
                long seen;
                while ((seen = Interlocked.Read(ref lastCompletion)) < doneAt && Interlocked.CompareExchange(ref lastCompletion, doneAt, seen) != seen)
                {
                }
            }
            return (latencies, failures);
        }, CancellationToken.None)).ToArray();

        var results = await Task.WhenAll(loops);
        cancellationToken.ThrowIfCancellationRequested();

        var all = results.SelectMany(r => r.latencies).ToArray();
        Array.Sort(all);
        var failed = results.Sum(r => r.failures);
        var measured = TimeSpan.FromSeconds((double)(Interlocked.Read(ref lastCompletion) - measureFrom) / Stopwatch.Frequency);
        var rps = measured > TimeSpan.Zero ? all.Length / measured.TotalSeconds : 0;
        return new LoadResult(name, connections, measured, all.Length + failed, failed, rps, Percentile(all, 0.50), Percentile(all, 0.99), firstFailure)
        {
            Sent = Math.Min(Interlocked.Read(ref issued), MaxRequests),
        };
    }

    /// <summary>Nearest-rank percentile of sorted microseconds, in milliseconds.</summary>
    public static double Percentile(int[] sortedMicroseconds, double p)
    {
        if (sortedMicroseconds.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p * sortedMicroseconds.Length) - 1;
        return sortedMicroseconds[Math.Clamp(rank, 0, sortedMicroseconds.Length - 1)] / 1000.0;
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
