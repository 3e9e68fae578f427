using System.ComponentModel;
using System.Diagnostics;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>What an external program did: its exit code and everything it wrote.</summary>
public sealed record ProcessResult(string FileName, IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    public string CommandLine => string.Join(' ', [FileName, .. Arguments]);

    /// <summary>The command, exit code, stdout and stderr: for assertion messages.</summary>
    public string Describe() =>
        $"$ {CommandLine}\nexit code: {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>Runs external programs (node, npm…) from tests, with a timeout that kills the whole process tree.</summary>
public static class ExternalProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion and captures its output. On timeout the process and all its
    /// children are killed and a <see cref="TimeoutException"/> carries whatever output there was.
    /// Throws <see cref="Win32Exception"/> when the program cannot be started (e.g. not on PATH). Without
    /// <paramref name="inheritEnvironment"/>, the program sees only <paramref name="environment"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        bool inheritEnvironment = true)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        // Hermetic runs start from an empty environment: only the variables given reach the program.
        if (!inheritEnvironment)
            startInfo.Environment.Clear();
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        var limit = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            var partial = new ProcessResult(fileName, arguments, -1, await Drain(stdout), await Drain(stderr));
            throw new TimeoutException($"Killed after {limit.TotalSeconds:0} s without exiting.\n{partial.Describe()}");
        }

        return new ProcessResult(fileName, arguments, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>True when <paramref name="fileName"/> starts and exits 0 with <paramref name="arguments"/> (e.g. <c>node --version</c>).</summary>
    public static async Task<bool> IsAvailableAsync(string fileName, params string[] arguments)
    {
        try
        {
            var result = await RunAsync(fileName, arguments, timeout: TimeSpan.FromSeconds(30));
            return result.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }

    /// <summary>Output read so far; the pipes close once the tree is dead, but don't wait forever for that.</summary>
    private static async Task<string> Drain(Task<string> reading)
    {
        var finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(5)));
        return finished == reading ? await reading : "<output not available: the pipe is still open>";
    }
}
