using GraphQL;

namespace ActorSync.GraphQL.Pipeline;

/// <summary>
/// One GraphQL request's parameters, as the GraphQL-over-HTTP spec names them. <see cref="Query"/> is empty when
/// the client sent a persisted operation instead (<see cref="DocumentId"/>, or the Apollo
/// <c>extensions.persistedQuery</c> hash); the endpoint resolves it before anything else.
/// </summary>
public sealed record GraphQLRequestParameters(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions, string? DocumentId = null)
{
    /// <summary>The variables as the reader read them from a JSON body, with their JSON text (null when not read from one).</summary>
    public ReadVariables? ReadVariables { get; init; }

    /// <summary>The Apollo APQ hash (<c>extensions.persistedQuery.sha256Hash</c>), when the client sent one.</summary>
    public string? PersistedQueryHash =>
        Extensions?.TryGetValue("persistedQuery", out var value) == true && value is IReadOnlyDictionary<string, object?> apq
            && apq.TryGetValue("sha256Hash", out var hash) && hash is string text ? text : null;

    public bool IsPersisted => DocumentId is not null || (Query.Length == 0 && PersistedQueryHash is not null);
}

/// <summary>
/// Variables read from a JSON body, shared by every request that sends the same JSON text (so never changed): the
/// inputs, their JSON as the serializer writes them back (what result-cache keys and remembered costs are keyed by; null
/// when they cannot be written back, as 1e400 reads as infinity).
/// </summary>
public sealed class ReadVariables
{
    public ReadVariables(Inputs inputs, IGraphQLTextSerializer serializer)
    {
        Inputs = inputs;
        try
        {
            Json = serializer.Serialize(inputs);
        }
        catch (ArgumentException)
        {
            Json = null;
        }
    }

    public Inputs Inputs { get; }

    public string? Json { get; }
}
