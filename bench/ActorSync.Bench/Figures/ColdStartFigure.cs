using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSync.TestHosts;

namespace ActorSync.Bench.Figures;

/// <summary>
/// Figure 9, cold start: what a woken instance makes its first visitor wait for. On Render's free plan the service gets
/// about 0.1 CPU, so each CPU-second spent between launch and the first answer is about 10 s of waiting there. Measured
/// as the process's CPU time (utime + stime from <c>/proc/PID/stat</c>, read as soon as the answer has arrived) from
/// launch to the first <c>compareActors</c> answer, for <see cref="Runs"/> fresh processes each: offline (the bundled
/// snapshot), live (through the loopback TMDB emulator, no Redis), and an empty ASP.NET Core app answering one GET
/// (bench/EmptyApp, the floor), all in the same run. Also the wall time to the answer and VmRSS just after it.
/// </summary>
/// <remarks>
/// The bench polls each new process every few milliseconds (a refused connection costs the process nothing), so the
/// wall time includes up to one polling period. CPU ticks are 10 ms on Linux. Offline, the figure also checks that every
/// run gave the same answer and prints its SHA-256, so an optimisation that changes the bytes shows.
/// </remarks>
public static class ColdStartFigure
{
    private const string Name = "coldstart";
    private const int Runs = 5;
    private const double OfflineTargetCpu = 0.6;
    private const double LiveTargetCpu = 0.4;
    private const long OfflineTargetRss = 120L * 1024 * 1024;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Brad Pitt and Edward Norton: in the snapshot, and co-stars (Fight Club), so the answer has a shared movie.</summary>
    private static readonly int[] Pair = [287, 819];

    private sealed record Sample(double CpuSeconds, double WallSeconds, long Rss, string Body);

    public static async Task RunAsync(Rig rig)
    {
        var command = rig.Options.CommandFor(Name);
        Console.WriteLine($"\n[9] Cold start: {Runs} fresh processes each, CPU seconds (utime + stime) from launch to the first answer, wall time, VmRSS after it");

        var empty = await MeasureAsync(rig, "empty app (floor): GET /", () => rig.StartEmptyApp(Name), FirstGetAsync);
        var offline = await MeasureAsync(rig, $"offline: compareActors({string.Join(", ", Pair)})", () => rig.StartOfflineApi($"{Name}-offline"), FirstComparisonAsync);
        await using (var emulator = await TmdbEmulator.StartAsync(ct: rig.CancellationToken))
        {
            var live = await MeasureAsync(rig, $"live (emulator, no Redis): compareActors({string.Join(", ", Pair)})", () => rig.StartLiveApiUnwaited($"{Name}-live", emulator), FirstComparisonAsync);
            var offlineBodies = offline.Select(s => s.Body).Distinct(StringComparer.Ordinal).Count();
            Console.WriteLine($"  offline answers: {(offlineBodies == 1 ? "identical" : $"{offlineBodies} DIFFERENT")} over {Runs} runs, {offline[0].Body.Length} chars, SHA-256 {Sha256(offline[0].Body)}");
            var floor = Median(empty, s => s.CpuSeconds);
            rig.Report.Add(new FigureRow("9a. offline: CPU launch → first comparison (median; best)", Cpu(offline, floor), $"≤ {Seconds(OfflineTargetCpu)} CPU-s", offlineBodies == 1 && Median(offline, s => s.CpuSeconds) <= OfflineTargetCpu, command));
            rig.Report.Add(new FigureRow("9b. live: CPU launch → first comparison (median; best)", Cpu(live, floor), $"≤ {Seconds(LiveTargetCpu)} CPU-s", Median(live, s => s.CpuSeconds) <= LiveTargetCpu, command));
            rig.Report.Add(new FigureRow("9c. offline: VmRSS after the first answer (median)", Report.Mb((long)Median(offline, s => s.Rss)), $"≤ {Report.Mb(OfflineTargetRss)}", Median(offline, s => s.Rss) <= OfflineTargetRss, command));
            rig.Report.Add(new FigureRow("9d. floor: empty ASP.NET Core app, CPU launch → first GET (median; best)", Cpu(empty, null), "-", null, command));
            rig.Report.Add(new FigureRow("9e. wall launch → first answer, median: offline; live; floor", $"{Seconds(Median(offline, s => s.WallSeconds))} s; {Seconds(Median(live, s => s.WallSeconds))} s; {Seconds(Median(empty, s => s.WallSeconds))} s", "-", null, command));
        }
    }

    private static async Task<List<Sample>> MeasureAsync(Rig rig, string label, Func<ApiProcess> start, Func<Rig, ApiProcess, Task<string>> firstAnswer)
    {
        var samples = new List<Sample>();
        for (var run = 0; run < Runs; run++)
        {
            rig.CancellationToken.ThrowIfCancellationRequested();
            await using var process = start();
            var body = await firstAnswer(rig, process);
            // Read at once: what the process spent up to its answer, before anything else runs in it.
            var cpu = ReadCpuSeconds(process.Pid);
            var wall = Stopwatch.GetElapsedTime(process.StartedAt).TotalSeconds;
            var memory = process.ReadMemory() ?? throw new InvalidOperationException($"The process exited after its first answer; see {process.LogPath}.");
            samples.Add(new Sample(cpu, wall, memory.Rss, body));
        }
        Console.WriteLine($"  {label}: CPU {string.Join(" ", samples.Select(s => Seconds(s.CpuSeconds)))} s; " +
                          $"wall {string.Join(" ", samples.Select(s => Seconds(s.WallSeconds)))} s; " +
                          $"RSS {string.Join(" ", samples.Select(s => Report.Mb(s.Rss)))}");
        return samples;
    }

    private static Task<string> FirstGetAsync(Rig rig, ApiProcess process) =>
        PollAsync(rig, process, async () =>
        {
            using var response = await rig.Http.GetAsync($"{process.BaseUrl}/", rig.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(rig.CancellationToken);
            return response.IsSuccessStatusCode ? body : null;
        });

    private static Task<string> FirstComparisonAsync(Rig rig, ApiProcess process) =>
        PollAsync(rig, process, async () =>
        {
            var answer = await GraphQLHttp.PostAsync(rig.Http, process.BaseUrl, Queries.CompareWithDetails, Queries.Ids(Pair), rig.CancellationToken);
            if (answer.Ok && answer.Data?["compareActors"]?["sharedMovies"]?.AsArray().Count > 0)
                return answer.Body;
            throw new InvalidOperationException($"The first comparison failed: {answer.Problem}; see {process.LogPath}.");
        });

    /// <summary>Tries <paramref name="attempt"/> until the process accepts the connection; its answer is then the first.</summary>
    private static async Task<string> PollAsync(Rig rig, ApiProcess process, Func<Task<string?>> attempt)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The process exited before answering; see {process.LogPath}.");
            try
            {
                if (await attempt() is { } body)
                    return body;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(PollEvery, rig.CancellationToken);
        }
        throw new TimeoutException($"No answer within {Timeout.TotalSeconds:0} s; see {process.LogPath}.");
    }

    /// <summary>utime + stime of <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks of 1/100 s on Linux).</summary>
    private static double ReadCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int ClockTicksPerSecond = 100;
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / (double)ClockTicksPerSecond;
    }

    private static double Median(List<Sample> samples, Func<Sample, double> value)
    {
        var sorted = samples.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Cpu(List<Sample> samples, double? floor)
    {
        var median = Median(samples, s => s.CpuSeconds);
        var text = $"{Seconds(median)}; {Seconds(samples.Min(s => s.CpuSeconds))} CPU-s";
        return floor is > 0 ? $"{text} = {Report.Fixed(median / floor.Value, "0.0")} × floor" : text;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
