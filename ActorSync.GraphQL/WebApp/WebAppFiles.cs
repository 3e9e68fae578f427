using System.Text.Json;

namespace ActorSync.GraphQL.WebApp;

/// <summary>
/// The built web app (ActorSync.Web, copied by the build to <c>web/</c> beside the binaries): its page, its
/// fingerprinted assets with their precompressed variants, and the persisted-documents manifest its operations
/// come from. Missing when the build had no npm: <see cref="Available"/> is then false and the app's URLs say how
/// to get it.
/// </summary>
public sealed class WebAppFiles
{
    /// <summary>The folder the build copies the app to (ActorSync.GraphQL.csproj).</summary>
    public const string DefaultFolder = "web";

    /// <summary>Written by the app's build: each operation's text under its id (<c>sha256:&lt;hex&gt;</c>).</summary>
    public const string ManifestFile = "persisted-documents.json";

    public WebAppFiles(string directory)
    {
        Directory = Path.GetFullPath(directory);
        Available = File.Exists(Path.Combine(Directory, "index.html"));
        Documents = ReadManifest(Path.Combine(Directory, ManifestFile));
    }

    /// <summary>The app beside the running binaries.</summary>
    public static WebAppFiles Installed() => new(Path.Combine(AppContext.BaseDirectory, DefaultFolder));

    public string Directory { get; }

    public bool Available { get; }

    /// <summary>The texts of the app's operations, to register as trusted documents (empty without the app).</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>
    /// The full path of a file the app may serve (<paramref name="relative"/> under the folder), or null: no
    /// climbing out with "..", and only the page, its icon and the assets folder (not the manifest).
    /// </summary>
    public string? Find(string relative)
    {
        if (!Available || relative.Length == 0 || relative.Contains('\\') || relative.Contains("..", StringComparison.Ordinal))
            return null;
        if (!relative.StartsWith("assets/", StringComparison.Ordinal) && relative is not ("index.html" or "favicon.svg"))
            return null;
        var path = Path.GetFullPath(Path.Combine(Directory, relative));
        return path.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    private static string[] ReadManifest(string path)
    {
        if (!File.Exists(path))
            return [];
        // An object of strings, read as a document: a typed Deserialize would build System.Text.Json's reflection
        // metadata for the dictionary at start-up, for one small file.
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. manifest.RootElement.EnumerateObject().Select(operation => operation.Value.GetString()!)];
    }
}
