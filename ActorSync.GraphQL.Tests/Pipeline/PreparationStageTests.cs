using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Security;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>The preparation stage on its own: document cache, length and size limits, parsing, the operation picked.</summary>
public sealed class PreparationStageTests : IDisposable
{
    private readonly OperationCache _documents = new();
    private readonly PreparationStage _stage;

    public PreparationStageTests() =>
        _stage = new PreparationStage(_documents, Options.Create(new QueryLimitsOptions { MaxDocumentLength = 200, MaxAliases = 2 }));

    public void Dispose() => _documents.Dispose();

    private PreparedOperation Prepare(string query, string? operationName = null, bool isGet = false, HttpContext? context = null) =>
        _stage.Prepare(context ?? new DefaultHttpContext(), new GraphQLRequestParameters(query, operationName, null, null), isGet);

    private static string? CodeOf(PreparedOperation prepared) =>
        prepared.Early?.Errors?[0] is ActorSyncError error ? error.Code : prepared.Early?.Errors?[0].GetType().Name;

    [Fact]
    public void A_query_is_parsed_once_and_its_operation_picked_from_the_cache_afterwards()
    {
        const string query = "query A { __typename } query B { actor(tmdbId: 287) { name } }";

        var first = Prepare(query, "B");
        var again = Prepare(query, "B");

        Assert.Null(first.Early);
        Assert.Equal("B", first.Operation?.Name?.StringValue);
        Assert.NotNull(first.Cached);
        Assert.Same(first.Document, again.Document);
        Assert.Same(first.Operation, again.Operation);
        Assert.Equal(1, _documents.Hits);
    }

    [Fact]
    public void A_document_over_the_length_limit_is_answered_without_being_parsed()
    {
        var prepared = Prepare("{ __typename }" + new string(' ', 300));

        Assert.Null(prepared.Document);
        Assert.Equal(ErrorCodes.QueryTooComplex, CodeOf(prepared));
    }

    [Fact]
    public void A_syntax_error_and_a_document_over_a_size_limit_are_answered_and_not_cached()
    {
        var broken = Prepare("{ actor(tmdbId: 287) { name }");
        var aliased = Prepare("{ a: __typename b: __typename c: __typename }");

        Assert.Equal(nameof(SyntaxError), CodeOf(broken));
        Assert.Equal(ErrorCodes.QueryTooComplex, CodeOf(aliased));
        Assert.Null(broken.Cached);
        Assert.Null(aliased.Cached);
    }

    [Fact]
    public void A_mutation_over_get_is_refused_with_405_and_over_post_answered_without_running()
    {
        var context = new DefaultHttpContext();

        var refused = Assert.Throws<RequestRefusedException>(() => Prepare("mutation { __typename }", isGet: true, context: context));
        var posted = Prepare("mutation { __typename }");

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, refused.Status);
        Assert.Equal("POST", context.Response.Headers.Allow.ToString());
        Assert.Equal(ErrorCodes.ValidationFailed, CodeOf(posted));
    }

    [Fact]
    public void A_request_that_picks_no_operation_gets_our_error_and_keeps_the_cached_document()
    {
        var prepared = Prepare("query A { __typename } query B { __typename }");

        Assert.Equal(ErrorCodes.BadRequest, CodeOf(prepared));
        Assert.Null(prepared.Operation);
        Assert.NotNull(prepared.Cached);
    }
}
