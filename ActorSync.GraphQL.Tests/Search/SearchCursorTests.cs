using System.Text;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Search;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Search;

/// <summary>
/// Cursors this API never issued (past the last reachable result, overflowing, negative, malformed) are the client's
/// mistake: BAD_USER_INPUT on the <c>after</c> argument, for actor and movie searches alike, never an internal error.
/// </summary>
public sealed class SearchCursorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());

    public static TheoryData<string, string> OutOfRange()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in new[] { "searchActors", "searchMovies" })
        {
            // The report's cursor: "cursor:2147483647", whose next position overflows Int32.
            data.Add(field, "Y3Vyc29yOjIxNDc0ODM2NDc");
            data.Add(field, Cursor.Encode(SearchPager.MaxReachable));
            data.Add(field, Cursor.Encode(int.MaxValue - 1));
            data.Add(field, B64("cursor:-1"));
            data.Add(field, B64("cursor:2147483648"));
            data.Add(field, B64("cursor:" + new string('9', 40)));
            data.Add(field, B64("cursor:"));
            data.Add(field, B64("cursor:1e3"));
            data.Add(field, B64("cursor: 5"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task A_cursor_past_the_last_reachable_result_or_not_one_this_api_issued_is_bad_user_input(string field, string cursor)
    {
        var query = $$"""{ {{field}}(query: "tom", after: "{{cursor}}") { edges { cursor } totalCount } }""";

        // Twice: the second request of a document goes through the cached and direct paths.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await _client.PostAsync(query);

            Assert.True(response.Status == 200, response.Body);
            Assert.Equal(ErrorCodes.BadUserInput, response.FirstCode);
            Assert.Equal("after", response.Errors![0]!["extensions"]!["argument"]!.GetValue<string>());
            Assert.DoesNotContain(ErrorCodes.InternalServerError, response.Body);
        }
    }

    [Fact]
    public async Task The_last_cursor_this_api_can_issue_gives_an_empty_last_page()
    {
        var response = await _client.PostAsync($$"""{ searchActors(query: "a", after: "{{Cursor.Encode(SearchPager.MaxReachable - 1)}}") { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }""");

        Assert.True(response.Errors is null, response.Body);
        Assert.Empty(response.Data!["searchActors"]!["edges"]!.AsArray());
        Assert.False(response.Data!["searchActors"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(response.Data!["searchActors"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
