namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>
/// Two apps on the offline snapshot, result caches off so every request executes: <see cref="Direct"/> answers repeated
/// operations on the direct path, <see cref="Engine"/> leaves everything to GraphQL.NET. Tests send both the same
/// requests and compare.
/// </summary>
public abstract class BothPathsTestBase : IAsyncLifetime
{
    protected ApiFactory Direct { get; } = new ApiFactory().With("Caching:ResultCache", "false");

    protected ApiFactory Engine { get; } = new ApiFactory().With("Caching:ResultCache", "false").With("GraphQLHttp:DirectExecution", "false");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Direct.DisposeAsync();
        await Engine.DisposeAsync();
    }
}
