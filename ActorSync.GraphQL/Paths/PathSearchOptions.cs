using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.Paths;

/// <summary>
/// Limits of <c>actorPath</c> (configuration section <c>PathSearch</c>): how many TMDB people and movies one search
/// may read. Live, every one may be a TMDB call, so the budget is small; offline they are in memory, so a search
/// may go much further.
/// </summary>
public sealed class PathSearchOptions
{
    /// <summary>The budget in live mode (<c>PathSearch__MaxResources</c>). A search reads both ends first: at least 2.</summary>
    [Range(2, 1_000_000)]
    public int MaxResources { get; set; } = 300;

    /// <summary>The budget in offline mode (<c>PathSearch__MaxResourcesOffline</c>).</summary>
    [Range(2, 10_000_000)]
    public int MaxResourcesOffline { get; set; } = 20_000;
}
