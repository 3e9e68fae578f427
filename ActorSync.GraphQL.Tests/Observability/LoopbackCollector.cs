using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorSync.GraphQL.Tests.Observability;

/// <summary>
/// Stands in for Sentry or an OTLP collector: a Kestrel socket on 127.0.0.1 (a port the OS picks) that keeps every POST
/// it receives (bodies decompressed when sent with gzip) and answers 200.
/// </summary>
public sealed class LoopbackCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedPost> _posts = new();

    private LoopbackCollector()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(CaptureAsync);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<CapturedPost> Posts => _posts.ToArray();

    public static async Task<LoopbackCollector> StartAsync()
    {
        var collector = new LoopbackCollector();
        await collector._app.StartAsync();
        var address = collector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        collector.BaseAddress = new Uri(address);
        return collector;
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) for a POST that satisfies <paramref name="match"/>.</summary>
    public async Task<CapturedPost> WaitForAsync(Func<CapturedPost, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_posts.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {what} arrived within {timeout.TotalSeconds} s; got {_posts.Count} POSTs: {string.Join(", ", _posts.Select(p => p.Path))}");
    }

    private async Task CaptureAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        Stream body = context.Request.Body;
        if (string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
            body = new GZipStream(body, CompressionMode.Decompress);
        await body.CopyToAsync(buffer);
        _posts.Enqueue(new CapturedPost(context.Request.Path.Value ?? "", buffer.ToArray()));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST: its path and body (protobuf bodies are binary; their strings still read as UTF-8 text).</summary>
public sealed record CapturedPost(string Path, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
}
