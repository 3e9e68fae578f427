using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Settings;

/// <summary>
/// No setting the start-up check lets through can make a request fail later: the app with every ranged setting of
/// every section at its lowest (or highest) allowed value, in live mode so the TMDB pipeline is built from them, still
/// answers health and GraphQL requests without a 5xx.
/// </summary>
public sealed class EdgeSettingsTests : LiveTmdbTestBase
{
    private const string Query = "{ actor(tmdbId: 287) { name } }";

    /// <summary>Every [Range] property of these sections at one end of its range, as configuration keys and values.</summary>
    private static IEnumerable<(string Key, string Value)> Edges(bool lowest, Func<OptionsSection, bool> sections) =>
        SettingsSections.Owned.Where(sections).SelectMany(section => section.Properties.Values
            .Where(property => property.GetCustomAttribute<RangeAttribute>() is not null)
            .Select(property =>
            {
                var range = property.GetCustomAttribute<RangeAttribute>()!;
                var bound = lowest ? range.Minimum : range.Maximum;
                return ($"{section.Path}:{property.Name}", Convert.ToString(bound, CultureInfo.InvariantCulture)!);
            }));

    [Theory]
    // Lowest: the query limits at their highest, so the query reaches TMDB through a pipeline built from the lowest values.
    [InlineData("lowest")]
    [InlineData("highest")]
    // The query limits at their lowest refuse every query, with a GraphQL error.
    [InlineData("lowest query limits")]
    public async Task Every_setting_at_an_end_of_its_range_starts_and_answers_without_a_server_error(string edge)
    {
        var queryLimits = (OptionsSection section) => section == SettingsSections.QueryLimits;
        (string, string)[] settings = edge switch
        {
            "lowest" => [.. Edges(lowest: true, s => !queryLimits(s)), .. Edges(lowest: false, queryLimits)],
            "highest" => [.. Edges(lowest: false, _ => true)],
            _ => [.. Edges(lowest: true, queryLimits)],
        };
        var factory = LiveApi([.. settings, ("RateLimits:Enabled", "true")]);
        Assert.Empty(factory.SettingsProblems());
        var client = new GraphQLClient(factory.CreateClient());

        using var health = await client.Http.GetAsync("/health/complete");
        Assert.True((int)health.StatusCode is 200 or 503, $"/health/complete: {(int)health.StatusCode}");
        Assert.NotNull(JsonNode.Parse(await health.Content.ReadAsStringAsync()));

        var response = await client.PostAsync(Query);
        Assert.True(response.Status < 500, response.Body);
        // Refused (limits, a TMDB call that did not fit 10 ms) is fine; an internal error is what a bad setting would cause.
        Assert.All(response.Errors ?? [], error =>
            Assert.NotEqual(ErrorCodes.InternalServerError, error?["extensions"]?["code"]?.GetValue<string>() ?? ErrorCodes.InternalServerError));
        if (edge == "highest")
        {
            Assert.Null(response.Errors);
            Assert.Equal(SnapshotOracle.Instance.People[287].Name, response.Data!["actor"]!["name"]!.GetValue<string>());
        }
        else if (edge == "lowest query limits")
        {
            Assert.Equal(ErrorCodes.QueryTooComplex, response.FirstCode);
        }
    }

    [Fact]
    public async Task A_search_limit_of_one_per_window_serves_the_first_search()
    {
        await using var factory = new ApiFactory().With("RateLimits:Enabled", "true").With("RateLimits:SearchPerWindow", "1");
        var data = await new GraphQLClient(factory.CreateClient()).DataAsync("{ searchActors(query: \"Brad\", first: 1) { nodes { name } } }");
        Assert.Single(data["searchActors"]!["nodes"]!.AsArray());
    }
}
