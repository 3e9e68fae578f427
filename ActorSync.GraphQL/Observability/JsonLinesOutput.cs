namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Where Production's JSON log lines go when registered as a service: standard output when none is (the app registers
/// none). Tests register one to read what the app itself writes.
/// </summary>
public sealed class JsonLinesOutput(Stream stream)
{
    public Stream Stream { get; } = stream;
}
