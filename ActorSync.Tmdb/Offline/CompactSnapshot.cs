using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// The snapshot as the API reads it (<see cref="OfflineContent.ReadByTheApi"/>), in a form a woken instance loads in
/// milliseconds instead of parsing 92 MB of JSON: the people as rows, the person→cast index as two flat arrays, every
/// movie's id, popularity and titles, and each movie apart as Brotli-compressed JSON of its DTO, built only when a
/// request first needs it. Written by <c>tools/offline-snapshot</c> from the JSON files (the source of truth); a test
/// loads both and requires every person, movie, credit list and search entry to be equal.
/// </summary>
/// <remarks>
/// Layout (little-endian; strings as <see cref="BinaryWriter"/> writes them): the magic, the movie count, per movie
/// its id, popularity, title, original title, and its blob's offset, compressed and plain lengths; the person count,
/// their ids, each one's record offset, the records (a <see cref="OfflineSnapshot.PersonRow"/> each, decoded when asked
/// for), and the JSON of the irregular people (none today); the cast index's start and role arrays; then the movie
/// blobs. Records and blobs stay in the mapped assembly, so only those read are resident; the rest is copied to arrays
/// at load and its pages handed back.
/// </remarks>
internal static class CompactSnapshot
{
    public const string Resource = "ActorSync.Tmdb.Offline.snapshot-api.bin";
    private const string Magic = "ActorSync compact snapshot 1";
    private const int BrotliQuality = 9;
    private const int BrotliWindow = 22;

    /// <summary>Writes <paramref name="snapshot"/> (loaded from JSON without the crew) in the compact form.</summary>
    public static void Write(OfflineSnapshot snapshot, Stream output)
    {
        if (snapshot.HasCrew)
            throw new ArgumentException("The compact snapshot holds what the API reads: load it without the crew.", nameof(snapshot));
        var movies = snapshot.Movies;
        var blobs = new List<(byte[] Compressed, int Plain)>(movies.Count);
        for (var m = 0; m < movies.Count; m++)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(movies[m], TmdbJsonContext.Default.TmdbMovie);
            var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
            if (!BrotliEncoder.TryCompress(json, compressed, out var written, BrotliQuality, BrotliWindow))
                throw new InvalidOperationException($"Brotli could not compress movie {movies.Ids[m]}.");
            blobs.Add((compressed[..written], json.Length));
        }

        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(movies.Count);
        long offset = 0;
        for (var m = 0; m < movies.Count; m++)
        {
            writer.Write(movies.Ids[m]);
            WriteNullable(writer, movies.Popularity[m]);
            writer.Write(movies.Titles[m]);
            WriteNullable(writer, movies.OriginalTitles[m]);
            writer.Write(offset);
            writer.Write(blobs[m].Compressed.Length);
            writer.Write(blobs[m].Plain);
            offset += blobs[m].Compressed.Length;
        }
        // People: ids, then each record's offset, then the records (decoded one at a time when asked for).
        var people = snapshot.People.All();
        using var records = new MemoryStream();
        var offsets = new int[people.Length];
        using (var recordWriter = new BinaryWriter(records, Encoding.UTF8, leaveOpen: true))
        {
            for (var i = 0; i < people.Length; i++)
            {
                var p = people[i];
                offsets[i] = checked((int)records.Position);
                recordWriter.Write(p.Name);
                WriteNullable(recordWriter, p.Gender);
                WriteNullable(recordWriter, p.KnownForDepartment);
                WriteNullable(recordWriter, p.Popularity);
                WriteNullable(recordWriter, p.ProfilePath);
                recordWriter.Write(p.Adult);
            }
        }
        writer.Write(people.Length);
        writer.Write(MemoryMarshal.AsBytes(snapshot.People.Ids.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(offsets.AsSpan()));
        writer.Write(checked((int)records.Length));
        writer.Write(records.GetBuffer(), 0, (int)records.Length);
        writer.Write(snapshot.IrregularPeople.Count);
        foreach (var irregular in snapshot.IrregularPeople.Values.OrderBy(p => p.Id))
            writer.Write(JsonSerializer.Serialize(irregular, TmdbJsonContext.Default.TmdbPerson));
        writer.Write(snapshot.Cast.Roles.Length);
        writer.Write(MemoryMarshal.AsBytes(snapshot.Cast.Start.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(snapshot.Cast.Roles.AsSpan()));
        foreach (var (compressed, _) in blobs)
            writer.Write(compressed);
    }

    /// <summary>The compact snapshot embedded in this assembly, or null when the build has none (then the JSON is read).</summary>
    public static OfflineSnapshot? LoadEmbedded()
    {
        var stream = typeof(CompactSnapshot).Assembly.GetManifestResourceStream(Resource);
        if (stream is null)
            return null;
        using (stream)
            return Read(ResourceBytes.Of(stream));
    }

    internal static OfflineSnapshot Read(ResourceBytes bytes)
    {
        using var reader = new BinaryReader(bytes.OpenStream(), Encoding.UTF8);
        if (reader.ReadString() != Magic)
            throw new InvalidDataException($"{Resource} is not a compact snapshot of this version.");
        var movieCount = reader.ReadInt32();
        var ids = new int[movieCount];
        var popularity = new double?[movieCount];
        var titles = new string[movieCount];
        var originalTitles = new string?[movieCount];
        var blobs = new (long Offset, int Compressed, int Plain)[movieCount];
        for (var m = 0; m < movieCount; m++)
        {
            ids[m] = reader.ReadInt32();
            popularity[m] = ReadNullableDouble(reader);
            titles[m] = reader.ReadString();
            originalTitles[m] = ReadNullableString(reader);
            blobs[m] = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32());
        }
        var personCount = reader.ReadInt32();
        var personIds = new int[personCount];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(personIds.AsSpan()));
        var personOffsets = new int[personCount];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(personOffsets.AsSpan()));
        var recordsLength = reader.ReadInt32();
        var recordsAt = reader.BaseStream.Position;
        reader.BaseStream.Seek(recordsLength, SeekOrigin.Current);
        var irregular = new Dictionary<int, TmdbPerson>();
        for (var i = reader.ReadInt32(); i > 0; i--)
        {
            var person = JsonSerializer.Deserialize(reader.ReadString(), TmdbJsonContext.Default.TmdbPerson)!;
            irregular[person.Id] = person;
        }
        var people = new PersonTable(personIds, row => DecodePerson(personIds[row], bytes.Slice(recordsAt + personOffsets[row], (int)Math.Min(recordsLength - personOffsets[row], MaxPersonRecord))));
        var roleCount = reader.ReadInt32();
        var start = new int[personCount + 1];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(start.AsSpan()));
        var roles = new OfflineSnapshot.RoleRef[roleCount];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(roles.AsSpan()));
        var blobsAt = reader.BaseStream.Position;
        // What was read so far is copied to arrays: its mapped pages can go (people records and blobs are read later, in place).
        bytes.Release(0, recordsAt);
        bytes.Release(recordsAt + recordsLength, blobsAt - recordsAt - recordsLength);

        var builder = new MovieBuilder(bytes, blobsAt, blobs);
        var shelf = new MovieShelf(ids, popularity, titles, originalTitles, builder.Build);
        return new OfflineSnapshot(shelf, people, irregular, new OfflineSnapshot.RoleIndex(start, roles), crew: null);
    }

    /// <summary>More than any person record takes (a name and a path of a few hundred bytes at most).</summary>
    private const int MaxPersonRecord = 4096;

    private static OfflineSnapshot.PersonRow DecodePerson(int id, ReadOnlySpan<byte> record)
    {
        var reader = new SpanReader(record);
        var name = reader.ReadString()!;
        var gender = reader.ReadBoolean() ? reader.ReadInt32() : (int?)null;
        var department = reader.ReadBoolean() ? Department(reader.ReadString()!) : null;
        var popularity = reader.ReadBoolean() ? reader.ReadDouble() : (double?)null;
        var profilePath = reader.ReadBoolean() ? reader.ReadString() : null;
        return new OfflineSnapshot.PersonRow(id, name, gender, department, popularity, profilePath, reader.ReadBoolean());
    }

    /// <summary>Departments repeat across 104,842 people: the common ones as one string each.</summary>
    private static string Department(string value) => value switch
    {
        "Acting" => "Acting",
        "Directing" => "Directing",
        "Writing" => "Writing",
        "Production" => "Production",
        "Crew" => "Crew",
        "Sound" => "Sound",
        "Art" => "Art",
        "Camera" => "Camera",
        "Editing" => "Editing",
        "Visual Effects" => "Visual Effects",
        "Costume & Make-Up" => "Costume & Make-Up",
        "Lighting" => "Lighting",
        _ => value,
    };

    /// <summary>Reads what <see cref="BinaryWriter"/> wrote, from a span (no stream, no state beyond the position).</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public bool ReadBoolean() => _bytes[_at++] != 0;

        public int ReadInt32()
        {
            var value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_bytes[_at..]);
            _at += 4;
            return value;
        }

        public double ReadDouble()
        {
            var value = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(_bytes[_at..]);
            _at += 8;
            return value;
        }

        public string? ReadString()
        {
            // The 7-bit encoded length BinaryWriter writes before a string's UTF-8 bytes.
            int length = 0, shift = 0;
            byte b;
            do
            {
                b = _bytes[_at++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            var value = Encoding.UTF8.GetString(_bytes.Slice(_at, length));
            _at += length;
            return value;
        }
    }

    /// <summary>
    /// Builds a movie from its blob. Strings go through one pool (a cast member's name, a department, a character repeat
    /// across movies), under a lock as the pool is not thread-safe; once every movie is built the pool is dropped.
    /// </summary>
    private sealed class MovieBuilder(ResourceBytes bytes, long blobsAt, (long Offset, int Compressed, int Plain)[] blobs)
    {
        private readonly Lock _gate = new();
        private JsonTypeInfo<TmdbMovie>? _typeInfo;
        private int _built;

        public TmdbMovie Build(int index)
        {
            var (offset, compressed, plain) = blobs[index];
            var json = ArrayPool<byte>.Shared.Rent(plain);
            try
            {
                if (!BrotliDecoder.TryDecompress(bytes.Slice(blobsAt + offset, compressed), json, out var written) || written != plain)
                    throw new InvalidDataException($"Movie blob {index} of {Resource} does not decompress to {plain} bytes.");
                lock (_gate)
                {
                    _typeInfo ??= (JsonTypeInfo<TmdbMovie>)new JsonSerializerOptions(TmdbJsonContext.Default.Options) { Converters = { new PooledStringConverter(new StringPool()) } }
                        .GetTypeInfo(typeof(TmdbMovie));
                    var movie = JsonSerializer.Deserialize(json.AsSpan(0, plain), _typeInfo) ?? throw new InvalidDataException($"Movie blob {index} of {Resource} is null.");
                    // Counted per call, so a movie built twice by racing threads only drops the pool early (memory, not answers).
                    if (++_built >= blobs.Length)
                        _typeInfo = null;
                    return movie;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(json);
            }
        }
    }

    private static void WriteNullable(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
            writer.Write(value);
    }

    private static void WriteNullable(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v)
            writer.Write(v);
    }

    private static void WriteNullable(BinaryWriter writer, int? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v)
            writer.Write(v);
    }

    private static string? ReadNullableString(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static double? ReadNullableDouble(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadDouble() : null;
}

/// <summary>
/// An embedded resource's bytes, read in place when the assembly is mapped (pages not read stay out of the resident set),
/// or copied once otherwise. The assembly is never unloaded, so the pointer stays valid for the process.
/// </summary>
internal sealed unsafe class ResourceBytes
{
    private readonly byte* _pointer;
    private readonly byte[]? _array;
    private readonly long _length;

    private ResourceBytes(byte* pointer, byte[]? array, long length)
    {
        _pointer = pointer;
        _array = array;
        _length = length;
    }

    public static ResourceBytes Of(Stream stream)
    {
        if (stream is UnmanagedMemoryStream mapped)
        {
            mapped.Position = 0;
            return new ResourceBytes(mapped.PositionPointer, null, mapped.Length);
        }
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ResourceBytes(null, copy.ToArray(), copy.Length);
    }

    public static ResourceBytes Of(byte[] array) => new(null, array, array.Length);

    public Stream OpenStream() => _array is not null ? new MemoryStream(_array, writable: false) : new UnmanagedMemoryStream(_pointer, _length);

    /// <summary>Hands the whole pages of a range back to the kernel (mapped only; clean file pages, read again if touched).</summary>
    public void Release(long offset, long length)
    {
        if (_array is null && length > 0)
            ResidentPages.Release((nuint)(_pointer + offset), (nuint)length);
    }

    public ReadOnlySpan<byte> Slice(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _length);
        return _array is not null ? _array.AsSpan(checked((int)offset), length) : new ReadOnlySpan<byte>(_pointer + offset, length);
    }
}
