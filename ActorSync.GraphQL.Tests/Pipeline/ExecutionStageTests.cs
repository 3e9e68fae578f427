using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQL;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>The execution stage on its own: what it tells GraphQL.NET's executer from the operation cache.</summary>
public sealed class ExecutionStageTests : IAsyncLifetime
{
    private readonly StageHost _host = new(new ApiFactory());
    private const string Query = "query($id: Int!) { actor(tmdbId: $id) { name } }";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<ExecutionResult> RunAsync(object variables, string costMode = "", bool direct = true) =>
        _host.Get<ExecutionStage>().ExecuteAsync(_host.Request(), _host.Prepare(Query, variables), costMode, direct);

    private string Serialize(ExecutionResult result) =>
        result is DirectResult direct ? System.Text.Encoding.UTF8.GetString(direct.Body.Span) : _host.Get<IGraphQLTextSerializer>().Serialize(result);

    [Fact]
    public async Task A_document_is_validated_once_and_then_the_cost_of_each_set_of_variables_is_remembered()
    {
        var first = await RunAsync(new { id = 287 });
        var prepared = _host.Prepare(Query, new { id = 819 });
        Assert.True(first.Executed);
        Assert.True(prepared.Cached!.Validated);
        Assert.Null(prepared.Variables(_host.Get<IGraphQLTextSerializer>())!.Cost);

        await RunAsync(new { id = 819 });

        var cost = _host.Prepare(Query, new { id = 819 }).Variables(_host.Get<IGraphQLTextSerializer>())!.Cost;
        Assert.NotNull(cost);
        Assert.True(cost!.Cost > 0);
    }

    [Fact]
    public async Task A_plain_query_of_a_validated_document_may_be_answered_directly_and_a_batch_item_never_is()
    {
        await RunAsync(new { id = 287 });
        var loaded = await RunAsync(new { id = 287 });
        using var direct = await RunAsync(new { id = 287 }) as DirectResult;
        var engine = await RunAsync(new { id = 287 }, direct: false);

        Assert.NotNull(direct);
        Assert.IsNotType<DirectResult>(engine);
        Assert.Equal(Serialize(engine), Serialize(direct!));
        (loaded as DirectResult)?.Dispose();
    }

    [Fact]
    public async Task Asking_to_validate_measures_the_cost_and_runs_nothing()
    {
        var result = await RunAsync(new { id = 287 }, costMode: "validate");

        Assert.False(result.Executed);
        Assert.Null(result.Data);
        Assert.True(result.Extensions!.ContainsKey("cost"));
    }
}
