using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>What came back on a raw connection: the status (0 when the server closed without answering), head and body.</summary>
public sealed record RawAnswer(int Status, string Head, string Body, TimeSpan Elapsed)
{
    /// <summary>The Content-Type's media type, e.g. <c>application/json</c>; null without one.</summary>
    public string? MediaType => Head.Split("\r\n")
        .FirstOrDefault(line => line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Split(';')[0].Trim();

    public override string ToString() => $"{Status} in {Elapsed.TotalMilliseconds:0} ms\n{Head}\n\n{(Body.Length <= 1000 ? Body : Body[..1000] + "…")}";
}

/// <summary>
/// An HTTP/1.1 request written byte by byte on a TCP socket, for what HttpClient will not send: bodies shorter than
/// their Content-Length, pauses mid-request, headers trickled, a malformed chunked body, a half-closed connection.
/// </summary>
public sealed class RawHttp
{
    private readonly List<Func<Socket, Task>> _steps = [];

    /// <summary>A request head (request line and headers, the blank line included) with <c>Host</c> and <c>Connection: close</c>.</summary>
    public static string Head(string method, string path, params string[] headers) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    /// <summary>A JSON POST to <c>/graphql</c>: its head (with the given Content-Length, or chunked when null) and nothing else yet.</summary>
    public static RawHttp Post(long? contentLength, string contentType = "application/json") =>
        new RawHttp().Send(Head("POST", "/graphql", $"Content-Type: {contentType}", "Accept: application/graphql-response+json",
            contentLength is { } length ? $"Content-Length: {length}" : "Transfer-Encoding: chunked"));

    public RawHttp Send(string text) => Send(Encoding.UTF8.GetBytes(text));

    public RawHttp Send(byte[] bytes)
    {
        _steps.Add(socket => SendAllAsync(socket, bytes));
        return this;
    }

    /// <summary>One byte at a time with a pause after each.</summary>
    public RawHttp Trickle(string text, TimeSpan every)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
            Send([b]).Pause(every);
        return this;
    }

    public RawHttp Pause(TimeSpan pause)
    {
        _steps.Add(_ => Task.Delay(pause));
        return this;
    }

    /// <summary>Ends the sending side (a FIN): the server sees the body end early, and can still answer.</summary>
    public RawHttp CloseSending()
    {
        _steps.Add(socket =>
        {
            socket.Shutdown(SocketShutdown.Send);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Runs the steps, then reads until the answer is whole or the server closes, within <paramref name="timeout"/>.</summary>
    public async Task<RawAnswer> SendAsync(Uri server, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var clock = Stopwatch.StartNew();
        await socket.ConnectAsync(server.Host, server.Port, cancel.Token);
        // The server may answer (and close) before every step ran: that answer is what counts.
        var reading = ReadAnswerAsync(socket, cancel.Token);
        foreach (var step in _steps)
        {
            if (reading.IsCompleted)
                break;
            try
            {
                // A pause ends as soon as the answer is in.
                await Task.WhenAny(step(socket), reading);
            }
            catch (SocketException)
            {
                break;
            }
        }
        try
        {
            var (status, head, body) = await reading;
            return new RawAnswer(status, head, body, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new RawAnswer(-1, "(no answer in time)", "", clock.Elapsed);
        }
    }

    private static async Task SendAllAsync(Socket socket, byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
    }

    private static async Task<(int Status, string Head, string Body)> ReadAnswerAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                read = 0; // a reset: whatever arrived is the answer
            }
            if (read == 0)
                return Parse(received.ToArray(), complete: true)!.Value;
            received.Write(buffer, 0, read);
            if (Parse(received.ToArray(), complete: false) is { } answer)
                return answer;
        }
    }

    /// <summary>The answer once its head and Content-Length bytes are in; null while more is due.</summary>
    private static (int Status, string Head, string Body)? Parse(byte[] bytes, bool complete)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
            return complete ? (0, text, "") : null;
        var head = text[..end];
        var body = text[(end + 4)..];
        var parts = head.Split(' ', 3);
        var status = parts.Length >= 2 && int.TryParse(parts[1], out var code) ? code : 0;
        var length = head.Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim()))
            .Cast<int?>()
            .FirstOrDefault();
        if (!complete && (length is null || Encoding.UTF8.GetByteCount(body) < length))
            return null;
        return (status, head, body);
    }
}
