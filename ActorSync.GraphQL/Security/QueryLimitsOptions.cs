using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.Security;

/// <summary>Query cost and size limits (configuration section <c>QueryLimits</c>).</summary>
public sealed class QueryLimitsOptions
{
    /// <summary>Operations whose estimated cost exceeds this are refused before any resolver runs.</summary>
    [Range(1, 1e9)]
    public double MaxCost { get; set; } = 10_000;

    /// <summary>How deeply fields may nest (fragments expanded).</summary>
    [Range(1, 128)]
    public int MaxDepth { get; set; } = 12;

    /// <summary>
    /// Field selections in one document once its fragments are expanded (an alias bomb is many fields; a fragment
    /// spread twice in each of N levels is 2^N).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxFields { get; set; } = 500;

    /// <summary>Aliased fields in one document, fragments expanded.</summary>
    [Range(0, 100_000)]
    public int MaxAliases { get; set; } = 100;

    /// <summary>Directives (<c>@include</c>, <c>@skip</c>…) in one document, fragments expanded: each is evaluated per field.</summary>
    [Range(0, 100_000)]
    public int MaxDirectives { get; set; } = 100;

    /// <summary>
    /// Fragment spreads in one document once expanded (a spread inside a fragment spread 3 times counts 3 times):
    /// GraphQL.NET's validation compares fragments pairwise, so its time grows faster than their number.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxFragmentSpreads { get; set; } = 64;

    /// <summary>
    /// Fields, over the document, that repeat a response name already selected at their level (fragments merged in):
    /// validation compares each pair of same-named fields and reports each pair that conflicts, so N repeats can cost
    /// N²/2 comparisons and errors.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxRepeatedFields { get; set; } = 32;

    /// <summary>
    /// How long one request may spend validating and executing its operations; past it, execution stops and the client
    /// gets an EXECUTION_TIMEOUT error. Zero: no budget (the client going away still stops the work).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Characters in one document (the 64 KiB body limit bounds POSTs anyway; this also bounds GETs and batches).</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxDocumentLength { get; set; } = 64 * 1024;

    /// <summary>Cost of a field that needs a TMDB resource (a person, a movie, a search page); 0 counts them as free.</summary>
    [Range(0, 1e6)]
    public double TmdbFieldCost { get; set; } = 10;

    /// <summary>Assumed length of a list field with no stated size.</summary>
    [Range(1, 10_000)]
    public double DefaultListSize { get; set; } = 20;

    /// <summary>Whether introspection (__schema, __type) is allowed.</summary>
    public bool Introspection { get; set; } = true;
}
