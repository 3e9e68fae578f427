using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorSync.GraphQL.WebApp;

namespace ActorSync.GraphQL.Tests.WebApp;

/// <summary>What the build puts beside the app: the real web app, its precompressed files and its operations.</summary>
public sealed class WebAppBuildTests
{
    private static readonly WebAppFiles Installed = WebAppFiles.Installed();

    [Fact]
    public void The_build_copies_the_web_app_beside_the_API()
    {
        Assert.True(Installed.Available, $"No web app in {Installed.Directory}: the build runs npm in ActorSync.Web (is npm installed?).");
        var page = File.ReadAllText(Path.Combine(Installed.Directory, "index.html"));
        Assert.Matches("src=\"/assets/index-[A-Za-z0-9_-]+\\.js\"", page);
    }

    [Fact]
    public void Every_script_and_stylesheet_has_gzip_and_brotli_variants()
    {
        var assets = Directory.GetFiles(Path.Combine(Installed.Directory, "assets")).Where(f => f.EndsWith(".js") || f.EndsWith(".css")).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, asset =>
        {
            Assert.True(File.Exists(asset + ".gz"), asset + ".gz");
            Assert.True(File.Exists(asset + ".br"), asset + ".br");
        });
    }

    [Fact]
    public void The_manifest_names_each_operation_by_the_SHA_256_of_its_text()
    {
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Installed.Directory, WebAppFiles.ManifestFile)))!;
        Assert.True(manifest.Count >= 8, $"{manifest.Count} operations");
        Assert.All(manifest, entry =>
            Assert.Equal(entry.Key, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Value)))));
        Assert.Contains(manifest.Values, text => text.Contains("compareActors(", StringComparison.Ordinal));
    }
}
