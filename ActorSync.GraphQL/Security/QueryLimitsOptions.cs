namespace ActorSync.GraphQL.Security;

/// <summary>Query cost and size limits (configuration section <c>QueryLimits</c>).</summary>
public sealed class QueryLimitsOptions
{
    /// <summary>Operations whose estimated cost exceeds this are refused before any resolver runs.</summary>
    public double MaxCost { get; set; } = 10_000;

    /// <summary>How deeply fields may nest.</summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Field selections in one document (an alias bomb is many fields).</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>Aliased fields in one document.</summary>
    public int MaxAliases { get; set; } = 100;

    /// <summary>Characters in one document (the 64 KiB body limit bounds POSTs anyway; this also bounds GETs and batches).</summary>
    public int MaxDocumentLength { get; set; } = 64 * 1024;

    /// <summary>Cost of a field that needs a TMDB resource (a person, a movie, a search page).</summary>
    public double TmdbFieldCost { get; set; } = 10;

    /// <summary>Assumed length of a list field with no stated size.</summary>
    public double DefaultListSize { get; set; } = 20;

    /// <summary>Whether introspection (__schema, __type) is allowed.</summary>
    public bool Introspection { get; set; } = true;
}
