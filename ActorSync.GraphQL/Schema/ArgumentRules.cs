using ActorSync.GraphQL.Errors;
using GraphQL;

namespace ActorSync.GraphQL.Schema;

/// <summary>Argument validation (DESIGN.md §5): every violation is a BAD_USER_INPUT error naming the argument.</summary>
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

    public static int TmdbId(this IResolveFieldContext context, string argument = "tmdbId") =>
        CheckTmdbId(context.GetArgument<int>(argument), argument);

    public static int CheckTmdbId(int id, string argument) =>
        id is >= 1 and <= MaxTmdbId
            ? id
            : throw ActorSyncError.BadUserInput(argument, $"{argument} must be a TMDB id between 1 and {MaxTmdbId:N0}; got {id}.");

    /// <summary>A page size: null when the argument is absent or null.</summary>
    public static int? First(this IResolveFieldContext context, string argument = "first")
    {
        var first = context.GetArgument<int?>(argument);
        return first is null or (>= 0 and <= MaxFirst)
            ? first
            : throw ActorSyncError.BadUserInput(argument, $"{argument} must be between 0 and {MaxFirst}; got {first}.");
    }

    /// <summary>A path search depth: 1 to 6; an explicit null reads as the default, like an absent argument.</summary>
    public static int PathDepth(this IResolveFieldContext context, string argument = "maxDepth")
    {
        var depth = context.GetArgument<int?>(argument) ?? DefaultPathDepth;
        return depth is >= MinPathDepth and <= MaxPathDepth
            ? depth
            : throw ActorSyncError.BadUserInput(argument, $"{argument} must be between {MinPathDepth} and {MaxPathDepth}; got {depth}.");
    }

    /// <summary>Ids for a plural look-up: each a valid TMDB id, at most <see cref="MaxLookup"/>.</summary>
    public static IReadOnlyList<int> TmdbIds(this IResolveFieldContext context, string argument = "tmdbIds")
    {
        var ids = context.GetArgument<List<int>>(argument) ?? [];
        if (ids.Count > MaxLookup)
            throw ActorSyncError.BadUserInput(argument, $"{argument} takes at most {MaxLookup} ids; got {ids.Count}.");
        foreach (var id in ids)
            CheckTmdbId(id, argument);
        return ids;
    }

    /// <summary>Ids to compare: 2 to 10 distinct valid TMDB ids.</summary>
    public static IReadOnlyList<int> ComparedIds(this IResolveFieldContext context, string argument = "tmdbIds")
    {
        var ids = context.GetArgument<List<int>>(argument) ?? [];
        if (ids.Count is < MinCompared or > MaxCompared)
            throw ActorSyncError.BadUserInput(argument, $"{argument} must list {MinCompared} to {MaxCompared} ids to compare; got {ids.Count}.");
        foreach (var id in ids)
            CheckTmdbId(id, argument);
        var repeated = ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw ActorSyncError.BadUserInput(argument, $"{argument} lists {repeated.Key} more than once; compare distinct ids.");
        return ids;
    }

    /// <summary>Search text: trimmed, 1 to 100 characters.</summary>
    public static string SearchQuery(this IResolveFieldContext context, string argument = "query")
    {
        var query = (context.GetArgument<string>(argument) ?? "").Trim();
        return query.Length is >= 1 and <= MaxSearchLength
            ? query
            : throw ActorSyncError.BadUserInput(argument, $"{argument} must be 1 to {MaxSearchLength} characters once trimmed; got {query.Length}.");
    }
}
