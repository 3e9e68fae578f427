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
/// its id, popularity, title, original title, and its blob's offset, compressed and plain lengths; the person count
/// and per person a <see cref="OfflineSnapshot.PersonRow"/> (plus the JSON of the few irregular people); the cast
/// index's start and role arrays; then the movie blobs. The blobs stay in the mapped assembly: only those read are
/// resident.
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
        writer.Write(snapshot.People.Length);
        foreach (var p in snapshot.People)
        {
            writer.Write(p.Id);
            writer.Write(p.Name);
            WriteNullable(writer, p.Gender);
            WriteNullable(writer, p.KnownForDepartment);
            WriteNullable(writer, p.Popularity);
            WriteNullable(writer, p.ProfilePath);
            writer.Write(p.Adult);
            var irregular = snapshot.IrregularPeople.GetValueOrDefault(p.Id);
            WriteNullable(writer, irregular is null ? null : JsonSerializer.Serialize(irregular, TmdbJsonContext.Default.TmdbPerson));
        }
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
        var people = new OfflineSnapshot.PersonRow[personCount];
        var irregular = new Dictionary<int, TmdbPerson>();
        // Departments repeat across 104,842 people: one string each.
        var departments = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < personCount; i++)
        {
            var id = reader.ReadInt32();
            var name = reader.ReadString();
            var gender = reader.ReadBoolean() ? reader.ReadInt32() : (int?)null;
            var department = ReadNullableString(reader);
            if (department is not null)
                department = departments.TryGetValue(department, out var shared) ? shared : departments[department] = department;
            people[i] = new OfflineSnapshot.PersonRow(id, name, gender, department, ReadNullableDouble(reader), ReadNullableString(reader), reader.ReadBoolean());
            if (ReadNullableString(reader) is { } json)
                irregular[id] = JsonSerializer.Deserialize(json, TmdbJsonContext.Default.TmdbPerson)!;
        }
        var roleCount = reader.ReadInt32();
        var start = new int[personCount + 1];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(start.AsSpan()));
        var roles = new OfflineSnapshot.RoleRef[roleCount];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(roles.AsSpan()));
        var blobsAt = reader.BaseStream.Position;

        var builder = new MovieBuilder(bytes, blobsAt, blobs);
        var shelf = new MovieShelf(ids, popularity, titles, originalTitles, builder.Build);
        return new OfflineSnapshot(shelf, people, irregular, new OfflineSnapshot.RoleIndex(start, roles), crew: null);
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

    public ReadOnlySpan<byte> Slice(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, _length);
        return _array is not null ? _array.AsSpan(checked((int)offset), length) : new ReadOnlySpan<byte>(_pointer + offset, length);
    }
}
