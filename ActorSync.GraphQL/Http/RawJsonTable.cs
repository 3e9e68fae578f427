using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using ActorSync.GraphQL.Kernel;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// What recent request bodies' values were read into, by the JSON text they came in: a client sends the same few
/// documents (and often the same variables) again and again, so each is read once (unescaped, transcoded, converted)
/// instead of on every request, and every request with that text shares the result, which must be immutable. Bounded by
/// bytes: each value is charged to the <see cref="RequestCacheBudget"/> (its raw text and <paramref name="bytesOf"/> its
/// value) and leaves when the budget evicts it; texts longer than <paramref name="maxRawBytes"/> are read every time and
/// not kept (large variables differ from request to request, and would only push out what repeats).
/// </summary>
public sealed class RawJsonTable<T>(RequestCacheBudget budget, Func<T, long> bytesOf, int maxRawBytes = int.MaxValue) where T : class
{
    /// <summary>What one kept value costs beyond its raw text and its value: the slot, the table's and the budget's entries.</summary>
    private const int PerEntry = 200;

    private readonly ConcurrentDictionary<byte[], Slot> _values = new(RawJsonComparer.Instance);

    public int Count => _values.Count;

    /// <summary>What <paramref name="read"/> makes of <paramref name="value"/>, read before if its JSON text was seen.</summary>
    public T Get(JsonElement value, Func<JsonElement, T> read)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length > maxRawBytes)
            return read(value);
        if (_values.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(raw, out var known))
        {
            known.Touch(budget);
            return known.Value;
        }
        var slot = new Slot(raw.ToArray(), read(value));
        if (!_values.TryAdd(slot.Raw, slot))
            return slot.Value;
        // Added to the table first: the budget's eviction (on another thread) then always finds what it removes.
        if (!budget.Keep(slot, slot, PerEntry + slot.Raw.Length + bytesOf(slot.Value), () => Forget(slot)))
            Forget(slot);
        return slot.Value;
    }

    private void Forget(Slot slot) => _values.TryRemove(new KeyValuePair<byte[], Slot>(slot.Raw, slot));

    /// <summary>A kept value; the budget knows it by reference.</summary>
    private sealed class Slot(byte[] raw, T value)
    {
        public byte[] Raw { get; } = raw;
        public T Value { get; } = value;

        private long _touched = Environment.TickCount64;

        /// <summary>
        /// Tells the budget it was used, at most once a second: the least-recently-used order needs no finer grain, and a
        /// repeated request then pays no second lookup.
        /// </summary>
        public void Touch(RequestCacheBudget budget)
        {
            var now = Environment.TickCount64;
            if (now - Volatile.Read(ref _touched) < 1000)
                return;
            Volatile.Write(ref _touched, now);
            budget.Touch(this);
        }
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
