using ActorSync.GraphQL.Security;
using GraphQLParser;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Tests.Security;

public sealed class OperationClassificationTests
{
    [Theory]
    [InlineData("{ actor(tmdbId: 1) { name } }", "default")]
    [InlineData("{ searchMovies(query: \"x\") { totalCount } }", "search")]
    [InlineData("{ compareMovies(tmdbIds: [1, 2]) { movies { title } } }", "compare")]
    [InlineData("{ actorPath(fromTmdbId: 1, toTmdbId: 2) { degrees } }", "compare")]
    [InlineData("{ a: searchActors(query: \"x\") { totalCount } b: compareActors(tmdbIds: [1, 2]) { actors { name } } }", "search,compare")]
    [InlineData("query { ...Roots } fragment Roots on Query { searchActors(query: \"x\") { totalCount } }", "search")]
    [InlineData("query { ... on Query { compareActors(tmdbIds: [1, 2]) { actors { name } } } }", "compare")]
    public void An_operation_is_classified_by_its_root_fields(string document, string policies)
    {
        var parsed = Parser.Parse(document);
        var operation = parsed.Definitions.OfType<GraphQLOperationDefinition>().Single();
        Assert.Equal(policies.Split(','), OperationRateLimiter.Classify(parsed, operation));
    }
}
