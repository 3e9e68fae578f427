using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Security;
using GraphQLParser;

namespace ActorSync.GraphQL.Tests.Security;

/// <summary>The limits measured on the document as validation and execution would walk it: fragments expanded.</summary>
public sealed class DocumentLimitsTests
{
    private static readonly QueryLimitsOptions Defaults = new();

    private static ActorSyncError? Check(string query, QueryLimitsOptions? limits = null, CancellationToken cancellationToken = default) =>
        DocumentLimits.Check(Parser.Parse(query), limits ?? Defaults, cancellationToken);

    /// <summary>Fragment F0 spreads F1 twice, F1 spreads F2 twice…: <paramref name="levels"/> levels are 2^levels fields.</summary>
    internal static string FanOut(int levels, string leaf = "name")
    {
        var query = "{ actor(tmdbId: 287) { ...F0 } }";
        for (var i = 0; i < levels; i++)
            query += $" fragment F{i} on Actor {{ ...F{i + 1} ...F{i + 1} }}";
        return query + $" fragment F{levels} on Actor {{ {leaf} }}";
    }

    private static string Fields(int count) => string.Join(" ", Enumerable.Range(0, count).Select(i => $"f{i % 40}_{i / 40}"));

    [Fact]
    public void A_fragment_spread_twice_counts_its_fields_twice()
    {
        var fragment = $"fragment Big on Actor {{ {Fields(300)} }}";
        Assert.Null(Check("{ actor(tmdbId: 287) { ...Big } } " + fragment));

        var error = Check("{ actor(tmdbId: 287) { ...Big } x: actor(tmdbId: 819) { ... on Actor { ...Big } } } " + fragment);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        Assert.True((long)error.Extensions!["fields"]! > 500);
        Assert.Equal(500, error.Extensions["limit"]);
    }

    [Fact]
    public void A_fan_out_of_two_to_the_thirtieth_is_refused_with_the_measure_passed_and_its_limit()
    {
        // Distinct names at the leaf: the fields limit, not the same-name one, is the first passed.
        var error = Check(FanOut(30, Fields(40)), new QueryLimitsOptions { MaxRepeatedFields = int.MaxValue, MaxFragmentSpreads = int.MaxValue });

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        Assert.Equal(500, error.Extensions!["limit"]);
        Assert.True((long)error.Extensions["fields"]! > 500);
    }

    [Fact]
    public void With_default_limits_the_fan_out_is_refused_by_the_first_limit_its_expansion_passes()
    {
        var error = Check(FanOut(30));

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        var measure = Assert.Single(error.Extensions!.Keys, k => k != "limit");
        Assert.True((long)error.Extensions[measure]! > Convert.ToInt64(error.Extensions["limit"]));
    }

    [Fact]
    public void Aliases_inside_a_fragment_count_once_per_spread()
    {
        var fragment = "fragment A on Actor { " + string.Join(" ", Enumerable.Range(0, 60).Select(i => $"a{i}: name")) + " }";
        Assert.Null(Check("{ actor(tmdbId: 287) { ...A } } " + fragment));

        var error = Check("{ actor(tmdbId: 287) { ...A } x: actor(tmdbId: 819) { ...A } } " + fragment);

        Assert.NotNull(error);
        Assert.True((long)error.Extensions!["aliases"]! > 100);
    }

    [Fact]
    public void Depth_counts_the_fields_fragments_nest_inside_each_other()
    {
        var query = "{ actor(tmdbId: 287) { ...N0 } }";
        for (var i = 0; i < 4; i++)
            query += $" fragment N{i} on Actor {{ knownFor(first: 1) {{ cast(first: 1) {{ actor {{ ...N{i + 1} }} }} }} }}";
        query += " fragment N4 on Actor { name }";

        var error = Check(query);

        Assert.NotNull(error);
        Assert.True((long)error.Extensions!["depth"]! > 12);
        Assert.Equal(12, error.Extensions["limit"]);
    }

    [Fact]
    public void Repeated_directives_are_refused_by_a_limit_of_their_own()
    {
        var error = Check("{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 3000)) + "}");

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        Assert.True((long)error.Extensions!["directives"]! > 100);
        Assert.Equal(100, error.Extensions["limit"]);
    }

    [Fact]
    public void Directives_on_a_fragment_count_each_time_it_is_spread()
    {
        var fragment = "fragment D on Actor { " + string.Join(" ", Enumerable.Range(0, 30).Select(i => $"f{i} @skip(if: false)")) + " }";
        Assert.Null(Check("{ actor(tmdbId: 287) { ...D } } " + fragment));
        Assert.Equal("directives", Measure(Check("{ actor(tmdbId: 287) { ...D ...D ...D ...D } } " + fragment)));
    }

    [Fact]
    public void Fields_repeating_a_name_at_their_level_are_counted_over_the_document_even_through_fragments()
    {
        Assert.Null(Check("{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name ", 33)) + "} }"));
        Assert.Equal("repeatedFields", Measure(Check("{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Repeat("name ", 34)) + "} }")));
        // 12 sets of 4 conflicting fields: 36 repeats, none of the sets large.
        Assert.Equal("repeatedFields", Measure(Check("{ " + string.Concat(Enumerable.Range(0, 12).Select(j =>
            $"a{j}: actor(tmdbId: 287) {{ knownFor(first: 1) {{ title }} knownFor(first: 2) {{ title }} knownFor(first: 3) {{ title }} knownFor(first: 4) {{ title }} }} ")) + "}")));
        var fragments = string.Concat(Enumerable.Range(0, 34).Select(i => $" fragment S{i} on Actor {{ knownFor(first: {i % 50}) {{ title }} }}"));
        Assert.Equal("repeatedFields", Measure(Check("{ actor(tmdbId: 287) { " + string.Concat(Enumerable.Range(0, 34).Select(i => $"...S{i} ")) + "} }" + fragments)));
    }

    [Fact]
    public void A_long_chain_of_fragments_is_refused_by_the_spread_limit_without_deep_recursion()
    {
        var query = "{ actor(tmdbId: 287) { ...C0 } }";
        for (var i = 0; i < 3000; i++)
            query += $" fragment C{i} on Actor {{ ...C{i + 1} }}";
        query += " fragment C3000 on Actor { name }";

        Assert.Equal("fragmentSpreads", Measure(Check(query)));
    }

    [Theory]
    [InlineData("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")]
    [InlineData("{ ...A } fragment A on Query { __typename ...A }")]
    [InlineData("{ actor(tmdbId: 287) { ...F } } fragment F on Actor { knownFor { cast { actor { ...F } } } }")]
    [InlineData("{ ...Nope }")]
    [InlineData("{ ...A } fragment A on Query { __typename } fragment A on Query { __typename }")]
    public void Cycles_unknown_and_duplicate_fragments_are_left_to_validation(string query) =>
        Assert.Null(Check(query));

    [Fact]
    public void A_cycle_whose_expansion_fans_out_is_refused_all_the_same()
    {
        var query = "{ ...F0 }";
        for (var i = 0; i < 30; i++)
            query += $" fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}";
        query += " fragment F30 on Query { __typename ...F0 }";

        Assert.NotNull(Check(query));
    }

    [Fact]
    public void A_fragment_no_operation_spreads_is_measured_too()
    {
        // Validation walks it (to refuse it as unused), so its expansion counts.
        var query = FanOut(30).Replace("{ actor(tmdbId: 287) { ...F0 } }", "{ __typename }", StringComparison.Ordinal);

        Assert.NotNull(Check(query));
    }

    [Fact]
    public void A_second_definition_of_a_fragment_name_is_measured_too()
    {
        var half = "actor(tmdbId: 287) { " + Fields(300) + " }";
        Assert.Equal("fields", Measure(Check($"{{ ...A }} fragment A on Query {{ {half} }} fragment A on Query {{ {half} }}")));
    }

    [Fact]
    public void Every_operation_of_a_document_counts()
    {
        var half = "actor(tmdbId: 287) { " + Fields(300) + " }";
        Assert.Null(Check($"query A {{ {half} }}"));
        Assert.Equal("fields", Measure(Check($"query A {{ {half} }} query B {{ {half} }}")));
    }

    [Fact]
    public void The_walk_stops_when_the_request_is_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var query = "{ " + string.Concat(Enumerable.Range(0, 400).Select(i => $"a{i % 40}_{i}: actor(tmdbId: 287) {{ name }} ")) + "}";

        Assert.ThrowsAny<OperationCanceledException>(() => Check(query, new QueryLimitsOptions { MaxAliases = 1000, MaxFields = 1000 }, cancelled.Token));
    }

    private static string? Measure(ActorSyncError? error) => error?.Extensions?.Keys.Single(k => k != "limit");
}
