namespace ActorSync.GraphQL.Http;

/// <summary>Where the GraphQL IDE's files are (configuration section <c>BananaCakePop</c>).</summary>
public sealed class BananaCakePopOptions
{
    /// <summary>
    /// <c>BananaCakePop__AssetsPath</c>: the folder holding the IDE's <c>index.html</c> and files, relative to the app's
    /// binaries or absolute; default <c>bcp</c> next to the app (where the build copies them).
    /// </summary>
    public string AssetsPath { get; set; } = BananaCakePop.DefaultAssetsFolder;
}
