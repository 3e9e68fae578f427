using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// What recent request bodies' values were read into, by the JSON text they came in: a client sends the same few
/// documents (and often the same variables) again and again, so each is read once (unescaped, transcoded, converted)
/// instead of on every request, and every request with that text shares the result, which must be immutable. Bounded:
/// when full it starts over.
/// </summary>
public sealed class RawJsonTable<T>(int capacity = 1000) where T : class
{
    private readonly ConcurrentDictionary<byte[], T> _values = new(RawJsonComparer.Instance);

    public int Count => _values.Count;

    /// <summary>What <paramref name="read"/> makes of <paramref name="value"/>, read before if its JSON text was seen.</summary>
    public T Get(JsonElement value, Func<JsonElement, T> read)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (_values.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(raw, out var known))
            return known;
        var result = read(value);
        if (_values.Count >= capacity)
            _values.Clear();
        _values.TryAdd(raw.ToArray(), result);
        return result;
    }

    /// <summary>Byte-wise equality of raw JSON text, looked up by span without copying it.</summary>
    private sealed class RawJsonComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly RawJsonComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => GetHashCode((ReadOnlySpan<byte>)bytes);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
