using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorSync.TestHosts;

/// <summary>
/// A real redis-server on a free loopback port, started for a test and stopped (by its PID) after it.
/// <c>scripts/setup.sh</c> installs redis-server; without it the test fails and says so.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
    }

    /// <summary>Starts the server again on the same port (empty: it keeps nothing on disk).</summary>
    public Task RestartAsync()
    {
        Kill();
        return StartProcessAsync();
    }

    /// <summary>Sends one command and returns the raw reply (enough for PING, DBSIZE, EXISTS, KEYS).</summary>
    public async Task<string> CommandAsync(params string[] args)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args)
            request.Append($"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task StartProcessAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed: run scripts/setup.sh (./test.sh does), which installs it with apt-get."
                + (Environment.GetEnvironmentVariable("CI") == "true" ? " In CI it must be there." : ""));
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                if ((await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal))
                    return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || _process.HasExited)
                throw new InvalidOperationException($"redis-server did not answer on port {Port}.");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
