using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;

namespace ActorSync.GraphQL.Tests.Comparisons;

/// <summary>Comparisons in live mode, against a loopback TMDB: what they call.</summary>
public sealed class ComparisonLiveTests : LiveTmdbTestBase
{
    private const int PhilosophersStone = 671; // 58 people in its cast
    private const int ChamberOfSecrets = 672; // 61, 34 of them in both

    private ApiFactory _factory = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _factory = LiveApi(("Tmdb:Resilience:RequestsPerSecond", "1000"));
    }

    [Fact]
    public async Task The_shared_cast_of_two_big_casts_is_ranked_from_the_two_movies_alone()
    {
        int[] ids = [PhilosophersStone, ChamberOfSecrets];

        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ compareMovies(tmdbIds: [{PhilosophersStone}, {ChamberOfSecrets}]) {{ sharedCast {{ actor {{ tmdbId name popularity }} }} }} }}");

        var shared = data["compareMovies"]!["sharedCast"]!.AsArray();
        var expected = Expected.SharedCast(ids);
        Assert.Equal(34, expected.Count);
        Assert.Equal(expected.Select(s => s.PersonId), shared.Select(s => s!["actor"]!["tmdbId"]!.GetValue<int>()));
        Assert.Equal(
            expected.Select(s => SnapshotOracle.Instance.People[s.PersonId].Popularity),
            shared.Select(s => s!["actor"]!["popularity"]!.GetValue<double>()));
        Assert.Equal([$"/3/movie/{PhilosophersStone}", $"/3/movie/{ChamberOfSecrets}"], Tmdb.Calls.Select(c => c.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_shared_cast_members_details_are_loaded_when_a_field_asks_for_them()
    {
        var data = await new GraphQLClient(_factory.CreateClient()).DataAsync(
            $"{{ compareMovies(tmdbIds: [{PhilosophersStone}, {ChamberOfSecrets}]) {{ sharedCast {{ actor {{ tmdbId credits {{ movie {{ tmdbId }} }} }} }} }} }}");

        var shared = data["compareMovies"]!["sharedCast"]!.AsArray();
        Assert.All(shared, s => Assert.Contains(PhilosophersStone, s!["actor"]!["credits"]!.AsArray().Select(c => c!["movie"]!["tmdbId"]!.GetValue<int>())));
        Assert.Equal(2 + shared.Count, Tmdb.TotalCalls);
    }
}
