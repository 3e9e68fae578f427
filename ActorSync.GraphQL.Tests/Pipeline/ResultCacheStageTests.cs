using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>The result-cache stage on its own: keys, max-age, storing and finding answers, freshness headers.</summary>
public sealed class ResultCacheStageTests : IAsyncLifetime
{
    private readonly StageHost _host = new(new ApiFactory().With("Caching:ResultCache", "true"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ResultCacheStage Stage => _host.Get<ResultCacheStage>();

    [Fact]
    public async Task An_answer_stored_after_success_is_found_by_an_identical_request_and_not_by_other_variables()
    {
        const string query = "query($id: Int!) { actor(tmdbId: $id) { name } }";
        var prepared = _host.Prepare(query, new { id = 287 });
        var lookup = await Stage.LookupAsync(prepared, bypass: false, CancellationToken.None);
        Assert.NotNull(lookup.Key);
        Assert.True(lookup.MaxAge > 0);
        Assert.Null(lookup.Hit);

        var result = new ExecutionResult { Executed = true, Data = new Dictionary<string, object?> { ["actor"] = new Dictionary<string, object?> { ["name"] = "Brad Pitt" } } };
        var body = await Stage.StoreAsync(lookup, result, CancellationToken.None);

        var again = await Stage.LookupAsync(_host.Prepare(query, new { id = 287 }), bypass: false, CancellationToken.None);
        Assert.Equal(body, again.Hit?.Body);
        Assert.Equal("""{"data":{"actor":{"name":"Brad Pitt"}}}""", System.Text.Encoding.UTF8.GetString(body));
        Assert.Null((await Stage.LookupAsync(_host.Prepare(query, new { id = 819 }), bypass: false, CancellationToken.None)).Hit);
    }

    [Fact]
    public async Task A_request_that_bypasses_the_cache_gets_no_key()
    {
        const string query = "query($x: Float) { actor(tmdbId: 287) { name } __typename @skip(if: false) }";
        Assert.Null((await Stage.LookupAsync(_host.Prepare(query, new { x = 1.5 }), bypass: true, CancellationToken.None)).Key);
        Assert.NotNull((await Stage.LookupAsync(_host.Prepare(query, new { x = 1.5 }), bypass: false, CancellationToken.None)).Key);
    }

    [Fact]
    public void Only_a_GET_answer_tells_browsers_and_CDNs_how_long_to_keep_it()
    {
        var get = new DefaultHttpContext();
        var post = new DefaultHttpContext();
        ResultCacheStage.SetFreshness(get, isGet: true, 300, "miss");
        ResultCacheStage.SetFreshness(post, isGet: false, 300, "hit");

        Assert.Equal("public, max-age=300", get.Response.Headers.CacheControl.ToString());
        Assert.Equal("Accept", get.Response.Headers.Vary.ToString());
        Assert.Equal("miss", get.Response.Headers["X-Result-Cache"].ToString());
        Assert.Equal("", post.Response.Headers.CacheControl.ToString());
        Assert.Equal("hit", post.Response.Headers["X-Result-Cache"].ToString());
    }
}
