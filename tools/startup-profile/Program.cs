using ActorSync.Tools.StartupProfile;

// Usage:
//   startup-profile <publish dir> <out.mibc>                 run the published API (offline, then live against the
//                                                            TMDB emulator), log what it JIT-compiles up to and through
//                                                            its first requests, and write the profile
//   startup-profile emit <publish dir> <out.mibc> <log>...   write the profile from JIT summaries already logged
if (args is ["emit", var publish, var output, .. var logs] && logs.Length > 0)
    return Emit(publish, output, logs);
if (args is [var directory, var profile])
{
    var collected = await ColdStarts.CollectAsync(directory);
    try
    {
        return Emit(directory, profile, collected);
    }
    finally
    {
        foreach (var log in collected)
            File.Delete(log);
    }
}
Console.Error.WriteLine("usage: startup-profile <publish dir> <out.mibc> | startup-profile emit <publish dir> <out.mibc> <jit log>...");
return 2;

static int Emit(string publish, string output, IEnumerable<string> logs)
{
    var methods = JitLog.Read(logs.SelectMany(File.ReadLines)).ToList();
    var writer = new ProfileWriter(publish);
    writer.Write(methods, output);
    Console.WriteLine($"startup-profile: {writer.Found} of {methods.Count} jitted methods written to {output}; {writer.Missed.Count} not found in {publish}");
    foreach (var missed in writer.Missed.Take(5))
        Console.WriteLine($"  not found: {missed}");
    return writer.Found > 0 ? 0 : 1;
}
