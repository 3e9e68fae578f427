using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// One instance per distinct string while the snapshot loads: the same person appears in many casts and crews,
/// and departments, jobs, characters and paths repeat, but a parser makes a new string every time. Looked up
/// from the parser's UTF-8 bytes, so a repeated value allocates nothing. Used by one thread at a time; dropped
/// once the snapshot is built.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Longer values (overviews, taglines) are unique in practice: a pool entry would only cost memory.</summary>
    private const int MaxPooledBytes = 256;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared instance equal to <paramref name="value"/> (which becomes it when new).</summary>
    public string Share(string value)
    {
        if (value.Length == 0)
            return string.Empty;
        if (_strings.TryGetValue(value, out var shared))
            return shared;
        _strings.Add(value, value);
        return value;
    }

    /// <summary>The current string token (not null) as a shared instance; reads it exactly as <see cref="Utf8JsonReader.GetString"/> would.</summary>
    public string Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxPooledBytes)
        {
            var value = reader.GetString()!;
            return value.Length <= MaxPooledBytes ? Share(value) : value;
        }
        var utf8 = reader.ValueSpan;
        if (utf8.Length == 0)
            return string.Empty;
        Span<char> chars = stackalloc char[MaxPooledBytes];
        // Invalid UTF-8 is left to GetString, which rejects it as the serializer always did.
        if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            return Share(reader.GetString()!);
        var key = chars[..written];
        if (_bySpan.TryGetValue(key, out var existing))
            return existing;
        var created = key.ToString();
        _strings.Add(created, created);
        return created;
    }
}

/// <summary>Reads every JSON string of the snapshot through a <see cref="StringPool"/>; writes strings as usual.</summary>
internal sealed class PooledStringConverter(StringPool pool) : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => pool.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
