using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorSync.Bench;

/// <summary>What the figures were measured on: CPUs, memory, load, runtime, date and commit.</summary>
public static class MachineInfo
{
    public static IReadOnlyList<string> Describe(string commit)
    {
        var cpuModel = ReadProc("/proc/cpuinfo")
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memTotal = ReadProc("/proc/meminfo")
            .FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return
        [
            $"date:     {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}",
            $"commit:   {commit}",
            $"nproc:    {Environment.ProcessorCount}",
            $"cpu:      {cpuModel}",
            $"memory:   {memTotal}",
            $"load avg: {LoadAverage()}",
            $"os:       {RuntimeInformation.OSDescription}",
            $"runtime:  {RuntimeInformation.FrameworkDescription}",
        ];
    }

    /// <summary>The 1, 5 and 15 minute load averages (the machine is shared: worth quoting with every figure).</summary>
    public static string LoadAverage() =>
        string.Join(' ', ReadProc("/proc/loadavg").FirstOrDefault()?.Split(' ').Take(3) ?? ["unknown"]);

    private static IEnumerable<string> ReadProc(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
