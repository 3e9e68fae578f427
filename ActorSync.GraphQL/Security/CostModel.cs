using ActorSync.GraphQL.Caching;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// The per-field cost model. A field costs 1, or <see cref="QueryLimitsOptions.TmdbFieldCost"/> when it needs a
/// TMDB resource (the fields with a cache hint); a list multiplies its children by its <c>first</c> argument,
/// by the number of ids it was given, or by the size stated on the field (<see cref="ListSize"/>).
/// </summary>
public static class CostModel
{
    private const string ListSizeKey = "actorsync:listSize";
    private const string WeightKey = "actorsync:weight";

    /// <summary>The arguments that list ids: a TMDB field taking one is charged its weight once per id.</summary>
    public static readonly string[] IdArguments = ["tmdbIds", "ids"];

    /// <summary>How many results a search window holds when <c>first</c> says nothing.</summary>
    public const int DefaultSearchSize = 10;

    /// <summary>Results in one TMDB search page: a search is charged its weight once per page its window reads.</summary>
    public const int SearchPageSize = 20;

    /// <summary>States the assumed length of a list field (a filmography: 50 credits, say).</summary>
    public static FieldBuilder<TSource, TReturn> ListSize<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, double size)
    {
        field.FieldType.Metadata[ListSizeKey] = size;
        return field;
    }

    /// <summary>
    /// States a field's weight outright (a path search: its whole TMDB budget) instead of the one its cache hint gives;
    /// its lists still multiply as any other's.
    /// </summary>
    public static FieldType Weighs(this FieldType field, double weight)
    {
        field.Metadata[WeightKey] = weight;
        return field;
    }

    /// <summary>What one appearance of the field costs: its stated weight, else the TMDB price for a field with a cache hint, else 1.</summary>
    public static double Weight(FieldType field, QueryLimitsOptions limits) =>
        field.Metadata.TryGetValue(WeightKey, out var stated) && stated is double weight ? weight
        : CacheHints.KindOf(field) is not null ? limits.TmdbFieldCost : 1;

    /// <summary>The length a list field is assumed to have when no argument sizes it.</summary>
    public static double AssumedSize(FieldType field, QueryLimitsOptions limits) =>
        IsSearch(field) ? DefaultSearchSize
        : field.Metadata.TryGetValue(ListSizeKey, out var stated) && stated is double s ? s : limits.DefaultListSize;

    /// <summary>A search: a field returning a Relay connection, read from TMDB a page at a time.</summary>
    public static bool IsSearch(FieldType field) =>
        field.ResolvedType?.GetNamedType() is { } named && named.Name.EndsWith("Connection", StringComparison.Ordinal);

    /// <summary>The id-list argument that sizes the field, if it has one.</summary>
    public static string? IdArgumentOf(FieldType field) =>
        Array.Find(IdArguments, name => field.Arguments?.Find(name)?.ResolvedType is { } type && IsList(type));

    public static FieldComplexityResult Impact(FieldImpactContext context, QueryLimitsOptions limits)
    {
        var field = context.FieldDefinition;
        var tmdb = CacheHints.KindOf(field) is not null;
        var impact = Weight(field, limits);
        var ids = CountOf(context, "tmdbIds") ?? CountOf(context, "ids");
        var first = First(context);

        // Each id of a plural look-up or comparison is one TMDB resource.
        if (tmdb && ids is { } count)
            impact *= Math.Max(1, count);

        double multiplier;
        if (IsSearch(field))
        {
            // A search: the TMDB pages (20 results each) its window touches; the connection's lists hold `first` items.
            var size = first ?? DefaultSearchSize;
            impact = limits.TmdbFieldCost * SearchPages(size, HasCursor(context));
            multiplier = Math.Max(1, size);
        }
        else if (IsList(field.ResolvedType))
        {
            multiplier = first ?? ids ?? AssumedSize(field, limits);
        }
        else
        {
            multiplier = 1;
        }
        return new FieldComplexityResult(impact, multiplier);
    }

    /// <summary>
    /// The <c>first</c> argument as the resolvers read it: an explicit null (a literal, or a variable sent as null) means
    /// the field's default, like an absent argument; null when there is no default either.
    /// </summary>
    public static int? First(FieldImpactContext context) =>
        context.Arguments?.TryGetValue("first", out var value) == true && value.Value is int n
            ? n
            : context.FieldDefinition.Arguments?.Find("first")?.DefaultValue as int?;

    /// <summary>
    /// The most TMDB pages a window of <paramref name="size"/> results reads: from the start, one per 20 (at least one);
    /// after a cursor the window may begin anywhere in a page, so it may touch one page more.
    /// </summary>
    internal static int SearchPages(int size, bool afterCursor) =>
        afterCursor ? 1 + (Math.Max(size, 1) + SearchPageSize - 2) / SearchPageSize : 1 + size / SearchPageSize;

    private static bool HasCursor(FieldImpactContext context) =>
        context.Arguments?.TryGetValue("after", out var after) == true && after.Value is not null;

    private static int? CountOf(FieldImpactContext context, string argument) =>
        context.Arguments?.TryGetValue(argument, out var value) == true && value.Value is System.Collections.ICollection list ? list.Count : null;

    public static bool IsList(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => IsList(nonNull.ResolvedType),
        ListGraphType => true,
        _ => false,
    };
}
