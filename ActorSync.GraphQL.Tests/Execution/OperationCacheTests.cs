using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Execution;

public sealed class OperationCacheTests
{
    private const string Search = "query($f: Int) { searchActors(query: \"tom\", first: $f) { nodes { name } } }";

    [Fact]
    public async Task A_repeated_document_is_parsed_once_and_counted_as_a_hit()
    {
        await using var factory = new ApiFactory();
        var client = new GraphQLClient(factory.CreateClient());
        var cache = factory.Services.GetRequiredService<OperationCache>();
        var (hits, misses) = (cache.Hits, cache.Misses);

        for (var i = 0; i < 5; i++)
            await client.DataAsync(Search, new { f = i + 1 });

        Assert.Equal(misses + 1, cache.Misses);
        Assert.Equal(hits + 4, cache.Hits);
    }

    [Fact]
    public async Task A_cached_document_is_still_held_to_the_cost_limit_for_its_variables()
    {
        // Cost: 10 per TMDB page + 2 per result (nodes and name): first 5 costs 20, first 50 costs 130.
        await using var factory = new ApiFactory().With("QueryLimits:MaxCost", "100");
        var client = new GraphQLClient(factory.CreateClient());

        Assert.Null((await client.PostAsync(Search, new { f = 5 })).Errors);
        Assert.Equal("QUERY_TOO_COMPLEX", (await client.PostAsync(Search, new { f = 50 })).FirstCode);
        Assert.Null((await client.PostAsync(Search, new { f = 5 })).Errors);
    }

    [Fact]
    public async Task A_cached_invalid_document_stays_invalid_and_wrong_variables_are_still_caught()
    {
        await using var factory = new ApiFactory();
        var client = new GraphQLClient(factory.CreateClient());
        for (var i = 0; i < 2; i++)
            Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await client.PostAsync("{ actor(tmdbId: 287) { nope } }")).FirstCode);

        await client.DataAsync(Search, new { f = 3 });
        Assert.Equal("BAD_USER_INPUT", (await client.PostAsync(Search, new { f = "three" })).FirstCode);
    }
}
