using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActorSync.Bench;

/// <summary>
/// Every process the bench started (the API, redis-server), so that each is killed by its PID whatever happens: normal
/// disposal in finally blocks, Ctrl+C / SIGTERM (which first cancel the run so those finally blocks get to run), and, as a
/// last resort, process exit. Nothing else is ever killed.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<long, Action> Killers = new();
    private static long _next;
    private static readonly CancellationTokenSource Stop = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>Cancelled on the first Ctrl+C or SIGTERM.</summary>
    public static CancellationToken StopRequested => Stop.Token;

    public static void InstallSignalHandlers()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (!Stop.IsCancellationRequested)
                {
                    // First signal: cancel the run and let the finally blocks stop what they started.
                    context.Cancel = true;
                    Console.Error.WriteLine($"bench: {signal}: stopping (the processes it started are being killed)");
                    Stop.Cancel();
                    return;
                }
                // Second signal: kill now and let the runtime end the process.
                KillAll();
            }));
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>Remembers how to kill something the bench started; returns the handle <see cref="Untrack"/> takes.</summary>
    public static long Track(Action kill)
    {
        var id = Interlocked.Increment(ref _next);
        Killers[id] = kill;
        return id;
    }

    public static void Untrack(long id) => Killers.TryRemove(id, out _);

    /// <summary>Kills <paramref name="process"/> (by its PID, not its children) and waits briefly for it to go.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
    }

    private static void KillAll()
    {
        foreach (var (id, kill) in Killers.ToArray())
        {
            try
            {
                kill();
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                Console.Error.WriteLine($"bench: could not kill a process it started: {ex.Message}");
            }
            Untrack(id);
        }
    }
}
