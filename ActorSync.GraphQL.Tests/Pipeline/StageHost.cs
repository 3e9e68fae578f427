using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Pipeline;

/// <summary>The app's own stages, called one at a time with a request context of the app's services (offline snapshot).</summary>
public sealed class StageHost : IAsyncDisposable
{
    private readonly List<IServiceScope> _scopes = [];

    public StageHost(ApiFactory api)
    {
        Api = api;
        api.CreateClient();
    }

    public ApiFactory Api { get; }

    public T Get<T>() where T : notnull => Api.Services.GetRequiredService<T>();

    /// <summary>A request of its own scope (loaders are per request).</summary>
    public HttpContext Request()
    {
        var scope = Api.Services.CreateScope();
        _scopes.Add(scope);
        return new DefaultHttpContext { RequestServices = scope.ServiceProvider };
    }

    public PreparedOperation Prepare(string query, object? variables = null)
    {
        var serializer = Get<IGraphQLTextSerializer>();
        var inputs = variables is null ? null : serializer.Deserialize<Inputs>(serializer.Serialize(variables));
        return Get<PreparationStage>().Prepare(Request(), new GraphQLRequestParameters(query, null, inputs, null), isGet: false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
            scope.Dispose();
        await Api.DisposeAsync();
    }
}
