using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb;
using ActorSync.Tmdb.Offline;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Tmdb;

public sealed class TmdbModeTests
{
    [Fact]
    public async Task Production_without_a_key_refuses_to_start_and_names_TMDB_API_KEY()
    {
        await using var factory = new ApiFactory { Environment = "Production" }.With("TMDB_MODE", "auto");
        Assert.Equal("TMDB_API_KEY", Assert.Single(factory.SettingsProblems()).Variable);
    }

    [Fact]
    public async Task Production_with_TMDB_MODE_offline_serves_the_snapshot()
    {
        await using var factory = new ApiFactory { Environment = "Production" }.With("TMDB_MODE", "offline");
        var data = await new GraphQLClient(factory.CreateClient()).DataAsync("{ actor(tmdbId: 287) { name } }");
        Assert.Equal(SnapshotOracle.Instance.People[287].Name, data["actor"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_offline_API_loads_its_snapshot_without_the_crews_and_credit_ids_no_field_reads()
    {
        await using var factory = new ApiFactory();
        var source = factory.Services.GetRequiredKeyedService<ITmdbClient>(TmdbCache.SourceKey);

        var offline = Assert.IsType<OfflineTmdbClient>(source);
        Assert.Equal(OfflineContent.ReadByTheApi, offline.Content);
        var movie = (await offline.GetMovieAsync(550))!;
        Assert.Empty(movie.Credits!.Crew);
        Assert.All(movie.Credits.Cast, member => Assert.Null(member.CreditId));
    }

    [Theory]
    [InlineData("TMDB_MODE", "sometimes")]
    [InlineData("TMDB_BASE_URL", "not a url")]
    [InlineData("TMDB_IMAGE_BASE_URL", "ftp://images")]
    public async Task A_bad_setting_refuses_to_start_and_names_the_variable(string variable, string value)
    {
        await using var factory = new ApiFactory().With(variable, value);
        Assert.Equal(variable, Assert.Single(factory.SettingsProblems()).Variable);
    }
}
