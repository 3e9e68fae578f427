namespace ActorSync.GraphQL.Persisted;

/// <summary>
/// Documents registered as trusted at start-up besides the folder's, e.g. the web app's generated manifest
/// (WebApp/). Each is known by <see cref="PersistedOperations.Id"/> of its text, like the folder's files.
/// </summary>
public interface ITrustedDocumentSource
{
    /// <summary>Who registers them, for the start-up log.</summary>
    string Name { get; }

    IReadOnlyList<string> Documents { get; }
}

/// <summary>A fixed list of trusted documents.</summary>
public sealed record TrustedDocumentSource(string Name, IReadOnlyList<string> Documents) : ITrustedDocumentSource;
