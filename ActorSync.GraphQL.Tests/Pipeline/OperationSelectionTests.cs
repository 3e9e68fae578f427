using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Pipeline;
using GraphQLParser;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>Picking the operation a request runs, and the errors (with our codes) when the request picks none.</summary>
public sealed class OperationSelectionTests
{
    private const string TwoNamed = "query A { __typename } query B { actor(tmdbId: 287) { name } }";

    [Theory]
    [InlineData("{ __typename }", null, null)]
    [InlineData(TwoNamed, "B", "B")]
    [InlineData(TwoNamed, "A", "A")]
    public void The_named_or_only_operation_is_picked(string query, string? name, string? picked)
    {
        var document = Parser.Parse(query);

        Assert.Null(OperationSelection.Check(document, name));
        Assert.Equal(picked, OperationSelection.Select(document, name)!.Name?.StringValue);
    }

    [Theory]
    [InlineData("fragment F on Query { __typename }", null, ErrorCodes.ValidationFailed, "only fragments")]
    [InlineData(TwoNamed, null, ErrorCodes.BadRequest, "name the one to run")]
    [InlineData(TwoNamed, "C", ErrorCodes.BadRequest, "no operation named \"C\"")]
    [InlineData("{ __typename } query B { __typename }", null, ErrorCodes.ValidationFailed, "anonymous operation must be the only")]
    public void A_request_that_picks_no_single_operation_gets_our_error(string query, string? name, string code, string message)
    {
        var document = Parser.Parse(query);

        var error = OperationSelection.Check(document, name);

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Null(name is null ? null : OperationSelection.Select(document, name));
    }

    [Fact]
    public void A_long_unknown_name_is_cut_in_the_message()
    {
        var error = OperationSelection.Check(Parser.Parse(TwoNamed), new string('x', 500));

        Assert.NotNull(error);
        Assert.True(error.Message.Length < 120, error.Message);
        Assert.Contains("…", error.Message);
    }
}
