using System.Globalization;
using System.Runtime.InteropServices;

namespace ActorSync.GraphQL.Composition;

/// <summary>
/// Gives the kernel back, every <see cref="Interval"/>, the pages of the published ReadyToRun image
/// (<c>ActorSync.GraphQL.r2r.dll</c>, the runtime, the framework and the app compiled into one file) that the process
/// no longer uses. A start reads much of that 94 MB file: code that runs once, and the tables the runtime looks
/// methods up in. Once the app is warm its hot code runs from the JIT's optimized copies, yet Linux counts every page
/// of the mapping that was ever touched in the resident set: about 45 MB, which took the memory figures 20–30 MB over
/// what per-assembly images cost. <c>MADV_PAGEOUT</c> drops the image's clean pages from the resident set (they are
/// file pages: touched again, they are read back from the page cache or the file); pages the runtime has written
/// (its fixup cells) are anonymous memory and stay. Nothing happens outside Linux or without the image (builds,
/// tests, <c>dotnet run</c>).
/// </summary>
internal sealed partial class ImagePages(ILogger<ImagePages> logger) : BackgroundService
{
    /// <summary>How often the image's pages are given back: often enough that pages touched by a rare path do not pile up.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private const int MadvPageOut = 21;

    /// <summary>The image beside the app, if it was published as one (see ActorSync.GraphQL.csproj).</summary>
    public static string? ImagePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ActorSync.GraphQL.r2r.dll");
        return OperatingSystem.IsLinux() && File.Exists(path) ? path : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ImagePath() is not { } image)
            return;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var refused = 0;
            foreach (var (start, length) in Mappings(File.ReadLines("/proc/self/maps"), image))
            {
                if (Madvise(start, length, MadvPageOut) != 0)
                    refused++;
            }
            if (refused > 0)
            {
                // An old kernel (before 5.4) does not know MADV_PAGEOUT: nothing to retry.
                LogRefused(logger, Marshal.GetLastPInvokeError());
                return;
            }
        }
    }

    /// <summary>The address ranges of <paramref name="path"/>'s mappings in a <c>/proc/PID/maps</c> listing.</summary>
    public static IEnumerable<(nuint Start, nuint Length)> Mappings(IEnumerable<string> maps, string path)
    {
        foreach (var line in maps)
        {
            // "7f28a7240000-7f28aac76000 r-xp 00010000 fe:00 11840259   /app/ActorSync.GraphQL.r2r.dll"
            if (!line.EndsWith(path, StringComparison.Ordinal))
                continue;
            var space = line.IndexOf(' ');
            var dash = line.IndexOf('-');
            if (dash < 0 || dash > space
                || !ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                || end <= start)
                continue;
            yield return ((nuint)start, (nuint)(end - start));
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nuint address, nuint length, int advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The kernel refused to take back the ReadyToRun image's pages (errno {Errno}): they stay resident.")]
    private static partial void LogRefused(ILogger logger, int errno);
}
