using System.Runtime.InteropServices;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// Gives back the pages of an embedded resource once it has been read. The snapshot's 12 MB of gzip are read once
/// at start-up from the mapped assembly, and Linux counts every page touched in the process's resident set for as
/// long as the mapping lives (the whole process): telling the kernel they are not needed keeps them out of RSS
/// (they are clean file pages, read again from the file should anything touch them later).
/// </summary>
internal static partial class ResidentPages
{
    private const int MadvDontNeed = 4;

    /// <summary>Releases the whole pages of <paramref name="stream"/>'s memory (a no-op elsewhere than Linux, or if the kernel refuses).</summary>
    public static void Release(UnmanagedMemoryStream stream)
    {
        if (!OperatingSystem.IsLinux())
            return;
        unsafe
        {
            stream.Position = 0;
            Release((nuint)stream.PositionPointer, (nuint)stream.Length);
        }
    }

    /// <summary>Releases the whole pages of a range of a mapped resource (a no-op elsewhere than Linux, or if the kernel refuses).</summary>
    public static void Release(nuint start, nuint length)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var end = start + length;
        var page = (nuint)Environment.SystemPageSize;
        // Only pages that lie wholly inside the range: its neighbours stay as they are.
        var first = (start + page - 1) / page * page;
        var last = end / page * page;
        if (last > first)
            _ = Madvise(first, last - first, MadvDontNeed);
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nuint address, nuint length, int advice);
}
