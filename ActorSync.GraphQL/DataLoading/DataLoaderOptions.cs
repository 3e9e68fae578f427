namespace ActorSync.GraphQL.DataLoading;

/// <summary>Data loader settings (configuration section <c>DataLoaders</c>).</summary>
public sealed class DataLoaderOptions
{
    /// <summary>How many TMDB fetches one batch keeps in flight.</summary>
    public int MaxConcurrency { get; set; } = 16;
}
