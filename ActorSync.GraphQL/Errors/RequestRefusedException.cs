namespace ActorSync.GraphQL.Errors;

/// <summary>A request the endpoint refuses before any GraphQL work: an HTTP status and one error.</summary>
public sealed class RequestRefusedException(int status, string code, string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?>? Extensions { get; } = extensions;
}
