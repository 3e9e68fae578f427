using System.Text.Json;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Models;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>
/// The compact snapshot the API loads (ActorSync.Tmdb/Offline/Data/snapshot-api.bin, written by tools/offline-snapshot)
/// against the JSON files it is made from: every answer built from it must be the JSON's, to the byte.
/// </summary>
public sealed class CompactSnapshotTests
{
    private static readonly Lazy<OfflineSnapshot> FromJson = new(() => OfflineSnapshot.LoadEmbedded(OfflineContent.ReadByTheApi));

    [Fact]
    public void The_embedded_compact_snapshot_has_every_person_with_their_credits_as_the_JSON_has_them()
    {
        var json = FromJson.Value;
        var compact = LoadCompact();
        Assert.Equal(json.People.Ids, compact.People.Ids);
        var differences = new List<int>();
        foreach (var row in json.People.All())
        {
            if (PersonJson(json, row.Id) != PersonJson(compact, row.Id))
                differences.Add(row.Id);
        }
        Assert.True(differences.Count == 0, $"{differences.Count} people differ (rerun tools/offline-snapshot?), e.g. {string.Join(", ", differences.Take(5))}");
    }

    [Fact]
    public void The_embedded_compact_snapshot_has_every_movie_and_search_entry_as_the_JSON_has_them()
    {
        var json = FromJson.Value;
        var compact = LoadCompact();
        Assert.Equal(json.Movies.Ids, compact.Movies.Ids);
        var differences = new List<int>();
        foreach (var id in json.Movies.Ids)
        {
            if (MovieJson(json, id) != MovieJson(compact, id))
                differences.Add(id);
        }
        Assert.True(differences.Count == 0, $"{differences.Count} movies differ (rerun tools/offline-snapshot?), e.g. {string.Join(", ", differences.Take(5))}");
        Assert.Equal(json.PeopleByPopularity, compact.PeopleByPopularity);
        Assert.Equal(json.MoviesByPopularity, compact.MoviesByPopularity);
    }

    [Fact]
    public void The_compact_snapshot_builds_a_movie_only_when_a_request_first_needs_it()
    {
        var compact = LoadCompact();
        Assert.Equal(0, compact.Movies.Built);

        var fightClub = compact.Movie(550);
        Assert.Equal("Fight Club", fightClub?.Title);
        Assert.Equal(1, compact.Movies.Built);
        Assert.Same(fightClub, compact.Movie(550));
        Assert.Equal(1, compact.Movies.Built);
    }

    [Fact]
    public void Written_and_read_back_from_memory_the_compact_form_answers_as_the_JSON_does()
    {
        var json = FromJson.Value;
        using var written = new MemoryStream();
        CompactSnapshot.Write(json, written);
        var readBack = CompactSnapshot.Read(ResourceBytes.Of(written.ToArray()));

        // Brad Pitt and Edward Norton, and the movie they share.
        foreach (var person in new[] { 287, 819 })
            Assert.Equal(PersonJson(json, person), PersonJson(readBack, person));
        Assert.Equal(MovieJson(json, 550), MovieJson(readBack, 550));
    }

    [Fact]
    public void The_compact_form_refuses_a_snapshot_with_the_crew_the_API_never_reads()
    {
        var complete = new OfflineTmdbClient(OfflineContent.Complete).Snapshot;
        Assert.Throws<ArgumentException>(() => CompactSnapshot.Write(complete, Stream.Null));
    }

    [Fact]
    public void The_API_client_reads_the_compact_snapshot_and_says_when_it_is_loaded()
    {
        var client = new OfflineTmdbClient(OfflineContent.ReadByTheApi);
        client.WarmUp();
        Assert.True(client.IsLoaded);
        Assert.NotNull(CompactSnapshot.LoadEmbedded());
    }

    /// <summary>A fresh instance (the API client's is shared by the process, and other tests build its movies).</summary>
    private static OfflineSnapshot LoadCompact() =>
        CompactSnapshot.LoadEmbedded() ?? throw new InvalidOperationException($"{CompactSnapshot.Resource} is not embedded in ActorSync.Tmdb.");

    private static string PersonJson(OfflineSnapshot snapshot, int id) =>
        JsonSerializer.Serialize(snapshot.Person(id)! with { MovieCredits = snapshot.CreditsOf(id) }, TmdbJsonContext.Default.TmdbPerson);

    private static string MovieJson(OfflineSnapshot snapshot, int id) =>
        JsonSerializer.Serialize(snapshot.Movie(id), TmdbJsonContext.Default.TmdbMovie)
        + JsonSerializer.Serialize(new TmdbSearchPage<TmdbMovieSearchResult> { Page = 1, Results = [snapshot.MovieSearchResult(id)], TotalResults = 1, TotalPages = 1 },
            TmdbJsonContext.Default.TmdbSearchPageTmdbMovieSearchResult);
}
