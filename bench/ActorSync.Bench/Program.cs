using ActorSync.Bench;
using ActorSync.Bench.Figures;

// The benchmark (bench/run.sh): starts what each figure needs on 127.0.0.1, measures, stops it, and prints the table.
var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
    return 2;

ChildProcesses.InstallSignalHandlers();
var cancellationToken = ChildProcesses.StopRequested;
var machine = MachineInfo.Describe(options.Commit);
Console.WriteLine("ActorSync benchmark" + (options.Quick ? " (--quick)" : ""));
foreach (var line in machine)
    Console.WriteLine("  " + line);

var figures = new Dictionary<string, Func<Rig, Task>>
{
    ["frugality"] = FrugalityFigure.RunAsync,
    ["stampede"] = StampedeFigure.RunAsync,
    ["latency"] = ColdLatencyFigure.RunAsync,
    ["throughput"] = ThroughputFigure.RunAsync,
    ["memory"] = MemoryFigure.RunAsync,
    ["floods"] = FloodsFigure.RunAsync,
    ["soak"] = SoakFigure.RunAsync,
    ["redis-footprint"] = RedisFootprintFigure.RunAsync,
    ["coldstart"] = ColdStartFigure.RunAsync,
};

var report = new Report();
var logDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "logs"));
// The logs of the previous run go: each run's files are numbered from 01 again.
if (Directory.Exists(logDirectory))
{
    foreach (var old in Directory.EnumerateFiles(logDirectory, "api-*.log"))
        File.Delete(old);
}
using (var rig = new Rig(options, SnapshotData.Load(), report, logDirectory, cancellationToken))
{
    foreach (var figure in options.SelectedFigures)
    {
        if (cancellationToken.IsCancellationRequested)
            break;
        try
        {
            await figures[figure](rig);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench: interrupted during {figure}");
            break;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"bench: {figure} failed: {ex}");
            report.AddError(figure, options.CommandFor(figure), ex);
        }
    }
}

Console.WriteLine();
Console.WriteLine($"Results ({machine[0].Split(':', 2)[1].Trim()}, commit {options.Commit}, nproc {Environment.ProcessorCount}, load average now {MachineInfo.LoadAverage()}); API logs in {logDirectory}");
Console.WriteLine();
Console.Write(report.Table());
if (cancellationToken.IsCancellationRequested)
    return 130;
return report.Rows.Any(r => r.Pass == false) ? 1 : 0;
