using System.Net;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Security;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>The rate-limit stage on its own: permits per operation, the 429 refusal and the IETF RateLimit fields.</summary>
public sealed class RateLimitStageTests : IAsyncDisposable
{
    private readonly OperationRateLimiter _limiter = new(
        Options.Create(new RateLimitOptions { ComparePerWindow = 2, SearchPerWindow = 5, Window = TimeSpan.FromMinutes(1) }),
        new ServiceCollection().BuildServiceProvider(),
        NullLogger<OperationRateLimiter>.Instance);

    public async ValueTask DisposeAsync() => await _limiter.DisposeAsync();

    private static PreparedOperation Operation(string query)
    {
        var document = Parser.Parse(query);
        return new PreparedOperation(new GraphQLRequestParameters(query, null, null, null), document, document.Definitions.OfType<GraphQLOperationDefinition>().Single(), null);
    }

    private static DefaultHttpContext Client(string ip) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(ip) } };

    [Fact]
    public async Task An_allowed_request_says_what_is_left_of_the_tightest_budget_it_counted_against()
    {
        var stage = new RateLimitStage(_limiter);
        var context = Client("192.0.2.1");

        await stage.EnforceAsync(context, [Operation("{ searchActors(query: \"tom\") { totalCount } }"), Operation("{ compareActors(tmdbIds: [287, 819]) { actors { name } } }")]);

        Assert.Equal("\"compare\";q=2;w=60", context.Response.Headers["RateLimit-Policy"].ToString());
        Assert.Equal("\"compare\";r=1", context.Response.Headers["RateLimit"].ToString());
    }

    [Fact]
    public async Task A_spent_budget_refuses_the_request_with_429_retry_after_and_the_reset()
    {
        var stage = new RateLimitStage(_limiter);
        var compare = Operation("{ compareActors(tmdbIds: [287, 819]) { actors { name } } }");
        await stage.EnforceAsync(Client("192.0.2.2"), [compare]);
        await stage.EnforceAsync(Client("192.0.2.2"), [compare]);
        var context = Client("192.0.2.2");

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => stage.EnforceAsync(context, [compare]));

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Status);
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
        Assert.Equal("compare", refused.Extensions!["policy"]);
        var retryAfter = int.Parse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal($"\"compare\";r=0;t={retryAfter}", context.Response.Headers["RateLimit"].ToString());
    }

    [Fact]
    public async Task An_operation_answered_early_takes_no_permit()
    {
        var stage = new RateLimitStage(_limiter);
        var compare = Operation("{ compareActors(tmdbIds: [287, 819]) { actors { name } } }");
        var answered = compare with { Early = new global::GraphQL.ExecutionResult() };
        await stage.EnforceAsync(Client("192.0.2.5"), [answered, answered, answered]);
        var context = Client("192.0.2.5");

        await stage.EnforceAsync(context, [compare]);

        Assert.Equal("\"compare\";r=1", context.Response.Headers["RateLimit"].ToString());
    }

    [Fact]
    public async Task Another_client_keeps_its_own_budget()
    {
        var stage = new RateLimitStage(_limiter);
        var compare = Operation("{ compareActors(tmdbIds: [287, 819]) { actors { name } } }");
        await stage.EnforceAsync(Client("192.0.2.3"), [compare]);
        await stage.EnforceAsync(Client("192.0.2.3"), [compare]);
        var other = Client("192.0.2.4");

        await stage.EnforceAsync(other, [compare]);

        Assert.Equal("\"compare\";r=1", other.Response.Headers["RateLimit"].ToString());
    }
}
