using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>Documents whose fragments expand to far more than their text, through the HTTP endpoint.</summary>
public sealed class FragmentFanOutTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(24)]
    [InlineData(30)]
    public async Task A_fragment_fan_out_is_refused_before_validation_with_the_measure_and_the_limit(int levels)
    {
        var response = await new GraphQLClient(factory.CreateClient()).PostAsync(DocumentLimitsTests.FanOut(levels));

        Assert.Equal(400, response.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", response.FirstCode);
        var extensions = response.Errors![0]!["extensions"]!.AsObject();
        var measure = Assert.Single(extensions, e => e.Key is not "code" and not "limit");
        Assert.True(measure.Value!.GetValue<long>() > extensions["limit"]!.GetValue<long>());
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task A_fragment_within_the_limits_when_expanded_still_runs()
    {
        var response = await new GraphQLClient(factory.CreateClient()).PostAsync(DocumentLimitsTests.FanOut(3));

        Assert.Null(response.Errors);
        Assert.Equal("Brad Pitt", response.Data!["actor"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Thousands_of_repeated_directives_are_refused_as_too_complex_not_listed_error_by_error()
    {
        var response = await new GraphQLClient(factory.CreateClient()).PostAsync("{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 3000)) + "}");

        Assert.Equal(400, response.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", response.FirstCode);
        Assert.Single(response.Errors!);
        Assert.Equal(100, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")]
    [InlineData("{ actor(tmdbId: 287) { ...F } } fragment F on Actor { knownFor { cast { actor { ...F } } } }")]
    public async Task A_fragment_cycle_is_a_validation_error(string query)
    {
        var response = await new GraphQLClient(factory.CreateClient()).PostAsync(query);

        Assert.Equal(400, response.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstCode);
    }
}
