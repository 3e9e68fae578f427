using ActorSync.GraphQL.Errors;
using GraphQL;

namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// Argument validation (DESIGN.md §5): every violation is a BAD_USER_INPUT error naming the argument. The checks run
/// twice from this one place: during validation (<see cref="ArgumentRangeRule"/>, before the cost analysis, on literal
/// and variable values alike) and in the resolvers, as a backstop.
/// </summary>
public static class ArgumentRules
{
    public const int MaxTmdbId = 999_999_999;
    public const int MaxFirst = 50;
    public const int MaxSearchLength = 100;
    public const int MinCompared = 2;
    public const int MaxCompared = 10;
    /// <summary>Plural look-ups (<c>actors</c>, <c>movies</c>, <c>nodes</c>) take at most this many ids.</summary>
    public const int MaxLookup = 50;
    /// <summary><c>actorPath(maxDepth:)</c>: how many degrees of separation a search may span.</summary>
    public const int MinPathDepth = 1;
    public const int MaxPathDepth = 6;
    public const int DefaultPathDepth = 3;

    /// <summary>A check of one argument's coerced value: the message of the violation, or null when the value is fine.</summary>
    public delegate string? Check(object? value, string argument);

    /// <summary>
    /// Which check an argument gets, by field and argument name (one schema has one meaning for each name; only
    /// <c>tmdbIds</c> means "ids to compare" on the comparison fields and "ids to look up" elsewhere). Null: unchecked.
    /// </summary>
    public static Check? For(string field, string argument) => argument switch
    {
        "first" => static (value, name) => FirstError(value as int?, name),
        "tmdbId" or "fromTmdbId" or "toTmdbId" => static (value, name) => value is int id ? TmdbIdError(id, name) : null,
        "maxDepth" => static (value, name) => PathDepthError(value as int?, name),
        "query" => static (value, name) => value is string text ? SearchQueryError(text, name) : null,
        "tmdbIds" when field is "compareActors" or "compareMovies" => static (value, name) => ComparedIdsError(value as System.Collections.IList, name),
        "tmdbIds" => static (value, name) => LookupIdsError(value as System.Collections.IList, name),
        "ids" => static (value, name) => value is System.Collections.IList { Count: > MaxLookup } list ? TooManyIds(list.Count, name) : null,
        _ => null,
    };

    public static string? TmdbIdError(int id, string argument) =>
        id is >= 1 and <= MaxTmdbId ? null : $"{argument} must be a TMDB id between 1 and {MaxTmdbId:N0}; got {id}.";

    public static string? FirstError(int? first, string argument) =>
        first is null or (>= 0 and <= MaxFirst) ? null : $"{argument} must be between 0 and {MaxFirst}; got {first}.";

    /// <summary>An explicit null reads as the default, like an absent argument.</summary>
    public static string? PathDepthError(int? depth, string argument) =>
        (depth ?? DefaultPathDepth) is >= MinPathDepth and <= MaxPathDepth
            ? null
            : $"{argument} must be between {MinPathDepth} and {MaxPathDepth}; got {depth}.";

    public static string? SearchQueryError(string? query, string argument)
    {
        var length = (query ?? "").Trim().Length;
        return length is >= 1 and <= MaxSearchLength ? null : $"{argument} must be 1 to {MaxSearchLength} characters once trimmed; got {length}.";
    }

    public static string TooManyIds(int count, string argument) => $"{argument} takes at most {MaxLookup} ids; got {count}.";

    public static string? LookupIdsError(System.Collections.IList? ids, string argument)
    {
        if (ids is null)
            return null;
        if (ids.Count > MaxLookup)
            return TooManyIds(ids.Count, argument);
        foreach (var id in ids)
        {
            if (id is int value && TmdbIdError(value, argument) is { } error)
                return error;
        }
        return null;
    }

    public static string? ComparedIdsError(System.Collections.IList? ids, string argument)
    {
        var count = ids?.Count ?? 0;
        if (count is < MinCompared or > MaxCompared)
            return $"{argument} must list {MinCompared} to {MaxCompared} ids to compare; got {count}.";
        foreach (var id in ids!)
        {
            if (id is int value && TmdbIdError(value, argument) is { } error)
                return error;
        }
        var seen = new HashSet<int>();
        foreach (var id in ids)
        {
            if (id is int value && !seen.Add(value))
                return $"{argument} lists {value} more than once; compare distinct ids.";
        }
        return null;
    }

    public static int TmdbId(this IResolveFieldContext context, string argument = "tmdbId") =>
        CheckTmdbId(context.GetArgument<int>(argument), argument);

    public static int CheckTmdbId(int id, string argument) =>
        TmdbIdError(id, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : id;

    /// <summary>A page size: null when the argument is absent or null.</summary>
    public static int? First(this IResolveFieldContext context, string argument = "first")
    {
        var first = context.GetArgument<int?>(argument);
        return FirstError(first, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : first;
    }

    /// <summary>A path search depth: 1 to 6; an explicit null reads as the default, like an absent argument.</summary>
    public static int PathDepth(this IResolveFieldContext context, string argument = "maxDepth")
    {
        var depth = context.GetArgument<int?>(argument);
        return PathDepthError(depth, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : depth ?? DefaultPathDepth;
    }

    /// <summary>Ids for a plural look-up: each a valid TMDB id, at most <see cref="MaxLookup"/>.</summary>
    public static IReadOnlyList<int> TmdbIds(this IResolveFieldContext context, string argument = "tmdbIds")
    {
        var ids = context.GetArgument<List<int>>(argument) ?? [];
        return LookupIdsError(ids, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : ids;
    }

    /// <summary>Ids to compare: 2 to 10 distinct valid TMDB ids.</summary>
    public static IReadOnlyList<int> ComparedIds(this IResolveFieldContext context, string argument = "tmdbIds")
    {
        var ids = context.GetArgument<List<int>>(argument) ?? [];
        return ComparedIdsError(ids, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : ids;
    }

    /// <summary>Search text: trimmed, 1 to 100 characters.</summary>
    public static string SearchQuery(this IResolveFieldContext context, string argument = "query")
    {
        var query = (context.GetArgument<string>(argument) ?? "").Trim();
        return SearchQueryError(query, argument) is { } error ? throw ActorSyncError.BadUserInput(argument, error) : query;
    }
}
