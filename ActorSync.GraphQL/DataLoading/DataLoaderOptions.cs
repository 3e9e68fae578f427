using System.ComponentModel.DataAnnotations;

namespace ActorSync.GraphQL.DataLoading;

/// <summary>Data loader settings (configuration section <c>DataLoaders</c>).</summary>
public sealed class DataLoaderOptions
{
    /// <summary>How many TMDB fetches one batch keeps in flight.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;
}
