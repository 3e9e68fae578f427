using System.Text;

namespace ActorSync.GraphQL.Tests.Observability;

/// <summary>
/// A stream the JSON log writer's thread writes while a test reads it, line by line; optionally held shut until
/// <see cref="Gate"/> opens (to test what the writer does while its output is stuck).
/// </summary>
public sealed class LineStream : Stream
{
    private readonly MemoryStream _bytes = new();

    public ManualResetEventSlim? Gate { get; init; }

    public ManualResetEventSlim Entered { get; } = new(false);

    public string[] Lines()
    {
        lock (_bytes)
            return Encoding.UTF8.GetString(_bytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The lines written after the one that contains <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> After(string mark)
    {
        var lines = Lines();
        var index = Array.FindIndex(lines, line => line.Contains(mark, StringComparison.Ordinal));
        Assert.True(index >= 0, $"The mark {mark} was not written");
        return lines[(index + 1)..];
    }

    /// <summary>The first line that matches, once written (the writer flushes every few milliseconds).</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match) => (await WaitForAsync(match, 1))[0];

    /// <summary>The first <paramref name="count"/> lines that match, once written.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<string, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var matching = Lines().Where(match).ToArray();
            if (matching.Length >= count)
                return matching[..count];
            Assert.True(DateTime.UtcNow < deadline, $"Not {count} such lines within 10 s; written:\n{string.Join("\n", Lines())}");
            await Task.Delay(10);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Entered.Set();
        Gate?.Wait();
        lock (_bytes)
            _bytes.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
