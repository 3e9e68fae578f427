using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorSync.GraphQL.Caching;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;
using ZiggyCreatures.Caching.Fusion.Internals.Distributed;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace ActorSync.GraphQL.Tests.Caching;

/// <summary>The Redis entries' format: every cached type round-trips, the previous format is read, unknown bytes read as absent.</summary>
public sealed class CompactCacheSerializerTests
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(TmdbJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private static readonly OfflineTmdbClient Snapshot = new();
    private readonly CompactCacheSerializer _serializer = new();

    [Fact]
    public async Task A_person_with_credits_round_trips_to_an_equal_value()
    {
        var person = await Snapshot.GetPersonAsync(287);
        Assert.NotEmpty(person!.MovieCredits!.Cast);
        AssertSameJson(person, RoundTrip(person));
    }

    [Fact]
    public async Task A_movie_with_cast_and_genres_round_trips_to_an_equal_value()
    {
        var movie = await Snapshot.GetMovieAsync(550);
        Assert.NotEmpty(movie!.Credits!.Cast);
        AssertSameJson(movie, RoundTrip(movie));
    }

    [Fact]
    public async Task Both_kinds_of_search_page_round_trip_to_equal_values()
    {
        var people = await Snapshot.SearchPeopleAsync("tom", 1);
        var movies = await Snapshot.SearchMoviesAsync("star", 1);
        Assert.NotEmpty(people.Results);
        Assert.NotEmpty(movies.Results);
        AssertSameJson(people, RoundTrip(people));
        AssertSameJson(movies, RoundTrip(movies));
    }

    [Fact]
    public void A_stored_result_round_trips_with_its_body_bytes_and_times()
    {
        var result = new CachedResult(Encoding.UTF8.GetBytes("""{"data":{"actor":{"name":"Brad Pitt"}}}"""), DateTimeOffset.UtcNow, 300);
        var back = RoundTrip(result);
        Assert.Equal(result.Body, back.Body);
        Assert.Equal(result.CreatedAt, back.CreatedAt);
        Assert.Equal(result.MaxAge, back.MaxAge);
    }

    [Fact]
    public void A_remembered_not_found_round_trips_as_null()
    {
        var entry = new FusionCacheDistributedEntry<TmdbPerson?>(null, 1234, 5678, null, null);
        var back = _serializer.Deserialize<FusionCacheDistributedEntry<TmdbPerson?>>(_serializer.Serialize(entry));
        Assert.NotNull(back);
        Assert.Null(back.Value);
        Assert.Equal(1234, back.Timestamp);
    }

    [Fact]
    public async Task A_compact_entry_starts_with_the_marker_and_version_and_is_under_half_the_json()
    {
        var entry = Entry((await Snapshot.GetPersonAsync(287))!);
        var compact = _serializer.Serialize(entry);
        var json = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        Assert.Equal(CompactCacheSerializer.Marker, compact[0]);
        Assert.Equal(CompactCacheSerializer.FormatVersion, compact[1]);
        Assert.True(compact.Length * 2 < json.Length, $"compact {compact.Length} B against JSON {json.Length} B");
    }

    [Fact]
    public async Task An_entry_of_the_previous_format_plain_json_is_read()
    {
        var entry = Entry((await Snapshot.GetMovieAsync(550))!);
        var previous = new FusionCacheSystemTextJsonSerializer(Json).Serialize(entry);
        Assert.Equal((byte)'{', previous[0]);
        var back = _serializer.Deserialize<FusionCacheDistributedEntry<TmdbMovie>>(previous);
        AssertSameJson(entry.Value, back!.Value);
    }

    [Theory]
    [InlineData("an unknown format version", new byte[] { CompactCacheSerializer.Marker, 0x7F, 10, 0, 0, 0, 1, 2, 3 })]
    [InlineData("damaged compressed bytes", new byte[] { CompactCacheSerializer.Marker, CompactCacheSerializer.FormatVersion, 200, 0, 0, 0, 9, 9, 9, 9 })]
    [InlineData("a length past any entry", new byte[] { CompactCacheSerializer.Marker, CompactCacheSerializer.FormatVersion, 255, 255, 255, 127, 1 })]
    [InlineData("a truncated header", new byte[] { CompactCacheSerializer.Marker, CompactCacheSerializer.FormatVersion, 1 })]
    [InlineData("damaged plain json", new byte[] { (byte)'{', (byte)'"', (byte)'V' })]
    [InlineData("an unknown first byte", new byte[] { 0x00, 1, 2 })]
    public void Bytes_this_code_does_not_know_read_as_absent_instead_of_failing(string what, byte[] data)
    {
        Assert.NotNull(what);
        Assert.Null(_serializer.Deserialize<FusionCacheDistributedEntry<TmdbPerson>>(data));
    }

    [Fact]
    public async Task A_compact_entry_with_its_json_damaged_after_compression_reads_as_absent()
    {
        var entry = Entry((await Snapshot.GetPersonAsync(287))!);
        var compact = _serializer.Serialize(entry);
        // A valid compressed stream of other JSON under the same header: the shape, not Brotli, is wrong.
        var wrong = _serializer.Serialize(new[] { 1, 2, 3 });
        Assert.Null(_serializer.Deserialize<FusionCacheDistributedEntry<TmdbPerson>>(wrong));
        Assert.NotNull(_serializer.Deserialize<FusionCacheDistributedEntry<TmdbPerson>>(compact));
    }

    private static FusionCacheDistributedEntry<T> Entry<T>(T value) => new(value, DateTimeOffset.UtcNow.UtcTicks, DateTimeOffset.UtcNow.AddHours(1).UtcTicks, null, null);

    private T RoundTrip<T>(T value)
    {
        var entry = Entry(value);
        var back = _serializer.Deserialize<FusionCacheDistributedEntry<T>>(_serializer.Serialize(entry));
        Assert.NotNull(back);
        Assert.Equal(entry.Timestamp, back.Timestamp);
        Assert.Equal(entry.LogicalExpirationTimestamp, back.LogicalExpirationTimestamp);
        return back.Value;
    }

    /// <summary>Records holding lists compare by reference: equal JSON means every field came back equal.</summary>
    private static void AssertSameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
}
