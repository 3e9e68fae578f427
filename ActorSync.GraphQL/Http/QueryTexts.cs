using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// The query texts of recent request bodies, by the JSON text they came in: a client sends the same few documents again
/// and again, so the string is read (unescaped, transcoded to UTF-16) once instead of on every request, and every request
/// of a document hands the document cache the same string. Bounded: when full it starts over.
/// </summary>
public sealed class QueryTexts(int capacity = 1000)
{
    private readonly ConcurrentDictionary<byte[], string> _texts = new(RawJsonComparer.Instance);

    public int Count => _texts.Count;

    /// <summary>The string value of a JSON string element.</summary>
    public string Get(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(raw, out var known))
            return known;
        var text = value.GetString()!;
        if (_texts.Count >= capacity)
            _texts.Clear();
        _texts.TryAdd(raw.ToArray(), text);
        return text;
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
