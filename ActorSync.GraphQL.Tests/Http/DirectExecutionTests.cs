using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Relay;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.TestHosts;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Http;

/// <summary>
/// The direct path (<c>Execution/DirectExecutor.cs</c>): an operation that ran before with the same variables is
/// answered from its compiled form, byte for byte what GraphQL.NET answers, and left to GraphQL.NET whenever it cannot be.
/// </summary>
public sealed class DirectExecutionTests : BothPathsTestBase
{
    public static TheoryData<string, string, string> Operations() => new()
    {
        {
            "the bench's comparison",
            """
            query CompareWithDetails($ids: [Int!]!) {
              compareActors(tmdbIds: $ids) {
                actors { tmdbId name }
                sharedMovies { movie { tmdbId title releaseYear runtime genres } roles { actor { name } character } }
                timeline { year entries { movie { title } shared } }
              }
            }
            """,
            """[{"ids": [287, 819]}, {"ids": [6384, 2975, 530]}]"""
        },
        {
            "an actor's career, with an enum, an argument and dates",
            """
            query Actor($id: Int!) {
              actor(tmdbId: $id) {
                id tmdbId name gender profileUrl(size: W45) birthday deathday placeOfBirth biography popularity tmdbUrl
                credits { movie { id title releaseYear releaseDate } character order }
                timeline { year credits { movie { title } character } }
              }
            }
            """,
            """[{"id": 287}, {"id": 1283}]"""
        },
        {
            "a movie with its cast, nulls and floats",
            """
            query Movie($id: Int!, $first: Int) {
              movie(tmdbId: $id) {
                id title originalTitle overview tagline releaseDate runtime genres voteAverage voteCount popularity
                posterUrl posterUrl500: posterUrl(size: W500)
                cast(first: $first) { actor { id name gender } character order }
              }
            }
            """,
            """[{"id": 550, "first": 10}, {"id": 603}]"""
        },
        {
            "aliases, fragments, merged fields, __typename and directives",
            """
            query Mixed($id: Int!, $withBio: Boolean!, $skipCredits: Boolean = false) {
              a: actor(tmdbId: $id) { ...Basics name @include(if: $withBio) biography @include(if: $withBio) ... on Actor { popularity birthday } }
              b: actor(tmdbId: $id) { __typename tmdbUrl credits @skip(if: $skipCredits) { order movie { ... on Movie { title } } } }
              a: actor(tmdbId: $id) { tmdbId knownFor(first: 2) { title voteAverage voteCount } ...Basics }
              __typename
            }
            fragment Basics on Actor { id name gender knownForDepartment profileUrl }
            """,
            """[{"id": 287, "withBio": true}, {"id": 819, "withBio": false, "skipCredits": true}]"""
        },
        {
            "nodes of both types through the Node interface, one missing",
            """
            query Nodes($ids: [ID!]!, $one: ID!) {
              nodes(ids: $ids) { __typename id ... on Actor { name } ... on Movie { title releaseDate } }
              node(id: $one) { id ... on Actor { name gender } }
            }
            """,
            $$"""[{"ids": ["{{GlobalId.Encode(GlobalId.Actor, 287)}}", "{{GlobalId.Encode(GlobalId.Movie, 550)}}", "{{GlobalId.Encode(GlobalId.Movie, 1)}}"], "one": "{{GlobalId.Encode(GlobalId.Actor, 819)}}"}, {"ids": ["{{GlobalId.Encode(GlobalId.Movie, 603)}}"], "one": "{{GlobalId.Encode(GlobalId.Movie, 604)}}"}]"""
        },
        {
            "searches with cursors",
            """
            query Search($q: String!, $first: Int, $after: String) {
              searchActors(query: $q, first: $first, after: $after) {
                totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              }
              searchMovies(query: $q, first: 3) { totalCount nodes { title overview } }
            }
            """,
            """[{"q": "tom", "first": 5}, {"q": "the", "first": 2, "after": "Y3Vyc29yOjE4"}]"""
        },
        {
            "movies compared, lists by id with nulls in place, a path and co-stars",
            """
            query Others($movies: [Int!]!, $people: [Int!]!) {
              compareMovies(tmdbIds: $movies) { movies { title } sharedCast { actor { name popularity } roles { movie { title } character } } }
              actors(tmdbIds: $people) { name }
              movies(tmdbIds: [603, 2]) { title }
              actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees steps { from { name } movie { title } to { name } } }
              actor(tmdbId: 819) { collaborators(first: 3) { actor { name } count movies { title } } }
            }
            """,
            """[{"movies": [603, 604], "people": [287, 1, 819]}, {"movies": [120, 121, 122], "people": [1283]}]"""
        },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_repeated_operation_is_answered_directly_with_the_bytes_GraphQL_NET_writes(string what, string query, string variableSets)
    {
        var sets = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[]>(variableSets)!;
        var direct = new GraphQLClient(Direct.CreateClient());
        var engine = new GraphQLClient(Engine.CreateClient());
        var documents = Direct.Services.GetRequiredService<DirectExecution>();

        var expected = new List<string>();
        foreach (var variables in sets)
        {
            var answer = await engine.PostAsync(query, variables);
            Assert.True(answer.Errors is null, $"{what}: {answer.Body}");
            expected.Add(answer.Body);
        }
        // The document's first request is executed by GraphQL.NET (the full validation); a first request of other
        // variables is validated for them and compiled, then answered directly unless its data must be fetched first.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < sets.Length; i++)
                Assert.Equal(expected[i], (await direct.PostAsync(query, sets[i])).Body);
        }
        var (answeredBefore, fallbacksBefore) = (documents.Answers, documents.Fallbacks);
        Assert.True(answeredBefore >= sets.Length - 1, $"{what}: {answeredBefore} direct answers while warming up");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < sets.Length; i++)
                Assert.Equal(expected[i], (await direct.PostAsync(query, sets[i])).Body);
        }

        Assert.Equal(answeredBefore + 2 * sets.Length, documents.Answers);
        Assert.Equal(fallbacksBefore, documents.Fallbacks);
        Assert.Equal(0, Engine.Services.GetRequiredService<DirectExecution>().Answers);
    }

    [Fact]
    public async Task Variables_never_seen_before_are_answered_directly_once_the_document_has_been_validated()
    {
        const string query = "query($id: Int!) { actor(tmdbId: $id) { name credits { movie { title releaseYear } character } } }";
        var direct = new GraphQLClient(Direct.CreateClient());
        var engine = new GraphQLClient(Engine.CreateClient());
        var documents = Direct.Services.GetRequiredService<DirectExecution>();
        // Warms the document (validated) and the actors' data (in the memory level), each with its own variables.
        await direct.DataAsync(query, new { id = 287 });
        await direct.DataAsync("{ a: actor(tmdbId: 819) { name } b: actor(tmdbId: 1283) { name } }");

        var answered = documents.Answers;
        foreach (var id in new[] { 819, 1283 })
            Assert.Equal((await engine.PostAsync(query, new { id })).Body, (await direct.PostAsync(query, new { id })).Body);

        Assert.Equal(answered + 2, documents.Answers);
    }

    [Fact]
    public async Task An_operation_whose_answer_has_errors_is_always_answered_by_GraphQL_NET_with_its_errors()
    {
        const string query = "query($ids: [Int!]!) { compareActors(tmdbIds: $ids) { actors { name } } }";
        var direct = new GraphQLClient(Direct.CreateClient());
        var documents = Direct.Services.GetRequiredService<DirectExecution>();

        var first = await direct.PostAsync(query, new { ids = new[] { 287, 999999999 } });
        Assert.Equal("ACTOR_NOT_FOUND", first.FirstCode);
        for (var i = 0; i < 3; i++)
            Assert.Equal(first.Body, (await direct.PostAsync(query, new { ids = new[] { 287, 999999999 } })).Body);

        Assert.Equal(0, documents.Answers);
    }

    [Fact]
    public async Task New_variables_over_the_cost_limit_or_of_the_wrong_type_get_GraphQL_NET_s_errors()
    {
        // Cost: 10 per TMDB page + 2 per result (nodes and name): first 5 costs 20, first 50 costs 130.
        await using var limited = new ApiFactory().With("Caching:ResultCache", "false").With("QueryLimits:MaxCost", "100");
        const string search = "query($f: Int) { searchActors(query: \"tom\", first: $f) { nodes { name } } }";
        var client = new GraphQLClient(limited.CreateClient());
        var documents = limited.Services.GetRequiredService<DirectExecution>();
        for (var i = 0; i < 3; i++)
            Assert.Null((await client.PostAsync(search, new { f = 5 })).Errors);

        Assert.Equal("QUERY_TOO_COMPLEX", (await client.PostAsync(search, new { f = 50 })).FirstCode);
        Assert.Equal("BAD_USER_INPUT", (await client.PostAsync(search, new { f = "five" })).FirstCode);
        Assert.Null((await client.PostAsync(search, new { f = 4 })).Errors);
        Assert.True(documents.Answers >= 1);
    }

    [Fact]
    public async Task A_request_asking_for_its_figures_or_its_cost_is_executed_by_GraphQL_NET()
    {
        const string query = "query($id: Int!) { actor(tmdbId: $id) { name } }";
        var http = Direct.CreateClient();
        var direct = new GraphQLClient(http);
        var documents = Direct.Services.GetRequiredService<DirectExecution>();
        for (var i = 0; i < 3; i++)
            await direct.DataAsync(query, new { id = 287 });
        var answered = documents.Answers;

        http.DefaultRequestHeaders.Add("ActorSync-Figures", "include");
        var withFigures = await direct.PostAsync(query, new { id = 287 });
        http.DefaultRequestHeaders.Remove("ActorSync-Figures");
        http.DefaultRequestHeaders.Add("GraphQL-Cost", "report");
        var withCost = await direct.PostAsync(query, new { id = 287 });

        Assert.NotNull(withFigures.Json?["extensions"]?["figures"]);
        Assert.NotNull(withCost.Json?["extensions"]?["cost"]);
        Assert.Equal(answered, documents.Answers);
        // The operation was compiled all along: a plain request of it is answered directly.
        http.DefaultRequestHeaders.Remove("GraphQL-Cost");
        await direct.DataAsync(query, new { id = 287 });
        Assert.Equal(answered + 1, documents.Answers);
    }
}

/// <summary>In live mode the direct path meets data that is not at hand: it gives up, and GraphQL.NET fetches it as before.</summary>
public sealed class DirectExecutionLiveTests : IAsyncLifetime
{
    private TmdbEmulator _tmdb = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _tmdb = await TmdbEmulator.StartAsync();
        _api = new ApiFactory().Live(_tmdb.BaseUrl, _tmdb.ApiKey).With("Caching:ResultCache", "false")
            .With("Tmdb:Resilience:RetryBaseDelay", "00:00:00.020");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _tmdb.DisposeAsync();
    }

    private const string Comparison = """
        query($ids: [Int!]!) {
          compareActors(tmdbIds: $ids) { actors { name } sharedMovies { movie { title runtime genres } } timeline { year entries { movie { title } } } }
        }
        """;

    [Fact]
    public async Task A_compiled_operation_whose_data_left_the_cache_falls_back_and_fetches_each_resource_once_in_batches()
    {
        var client = new GraphQLClient(_api.CreateClient());
        var documents = _api.Services.GetRequiredService<DirectExecution>();
        var variables = new { ids = new[] { 287, 819 } };
        var expected = (await client.PostAsync(Comparison, variables)).Body;
        var coldCalls = _tmdb.TotalCalls;
        Assert.Equal(expected, (await client.PostAsync(Comparison, variables)).Body);
        Assert.Equal(1, documents.Answers);
        Assert.Equal(coldCalls, _tmdb.TotalCalls);

        // Everything out of the memory level: the people and movies must come from TMDB again.
        _api.Services.GetRequiredService<MemoryLevel>().Cache.Compact(1.0);
        _tmdb.ResetCounts();
        var fallbacks = documents.Fallbacks;
        var afterEviction = await client.PostAsync(Comparison, variables);

        Assert.Equal(expected, afterEviction.Body);
        Assert.Equal(fallbacks + 1, documents.Fallbacks);
        Assert.Equal(coldCalls, _tmdb.TotalCalls);
        Assert.Equal(_tmdb.Calls.Select(c => c.Path).Distinct().Count(), _tmdb.TotalCalls);
        // Answered directly again once the data is back in memory.
        Assert.Equal(expected, (await client.PostAsync(Comparison, variables)).Body);
        Assert.Equal(2, documents.Answers);
    }

    [Fact]
    public async Task A_compiled_operation_answers_TMDB_being_down_with_the_same_error_as_before()
    {
        var client = new GraphQLClient(_api.CreateClient());
        var variables = new { ids = new[] { 287, 819 } };
        for (var i = 0; i < 3; i++)
            Assert.Null((await client.PostAsync(Comparison, variables)).Errors);
        var documents = _api.Services.GetRequiredService<DirectExecution>();
        var fallbacks = documents.Fallbacks;

        _api.Services.GetRequiredService<MemoryLevel>().Cache.Compact(1.0);
        _tmdb.FailAlways(503);
        var down = await client.PostAsync(Comparison, variables);

        Assert.Equal("UPSTREAM_UNAVAILABLE", down.FirstCode);
        Assert.Equal(fallbacks + 1, documents.Fallbacks);
    }
}
