using GraphQL;

namespace ActorSync.GraphQL.Errors;

/// <summary>An error we raise on purpose: its message is safe for clients and its code is stable.</summary>
public class ActorSyncError : ExecutionError
{
    public ActorSyncError(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        Extensions = Copy(extensions);
    }

    /// <summary>GraphQL.NET wants a mutable dictionary; ours are built read-only.</summary>
    internal static Dictionary<string, object?>? Copy(IReadOnlyDictionary<string, object?>? extensions) =>
        extensions is null ? null : new Dictionary<string, object?>(extensions);

    public static ActorSyncError BadUserInput(string argument, string message) =>
        new(ErrorCodes.BadUserInput, message, new Dictionary<string, object?> { ["argument"] = argument });

    public static ActorSyncError ActorNotFound(int tmdbId) => ActorNotFound([tmdbId]);

    public static ActorSyncError MovieNotFound(int tmdbId) => MovieNotFound([tmdbId]);

    public static ActorSyncError ActorNotFound(IReadOnlyList<int> tmdbIds) => NotFound(ErrorCodes.ActorNotFound, "actor", tmdbIds);

    public static ActorSyncError MovieNotFound(IReadOnlyList<int> tmdbIds) => NotFound(ErrorCodes.MovieNotFound, "movie", tmdbIds);

    /// <summary>A path search stopped before reading more than <paramref name="limit"/> people and movies.</summary>
    public static ActorSyncError PathSearchLimit(int limit) =>
        new(ErrorCodes.PathSearchLimit,
            $"Finding this path would read more than {limit} TMDB people and movies, the limit for one search; try a smaller maxDepth.",
            new Dictionary<string, object?> { ["limit"] = limit });

    private static ActorSyncError NotFound(string code, string what, IReadOnlyList<int> tmdbIds) =>
        new(code,
            tmdbIds.Count == 1 ? $"No {what} has TMDB id {tmdbIds[0]}." : $"No {what} has TMDB id {string.Join(", ", tmdbIds)}.",
            new Dictionary<string, object?> { ["tmdbId"] = tmdbIds[0], ["tmdbIds"] = tmdbIds.ToArray() });
}
