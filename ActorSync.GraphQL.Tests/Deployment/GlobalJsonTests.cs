using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Deployment;

/// <summary>
/// global.json against the SDKs that build the app: the Dockerfile's <c>sdk:10.0</c> image (whichever 10.0 feature
/// band and patch it ships), CI's <c>10.0.x</c>, and the team's machines.
/// </summary>
public sealed class GlobalJsonTests
{
    private static readonly JsonNode Sdk =
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("global.json")))!["sdk"]
        ?? throw new InvalidDataException("global.json has no sdk section.");

    [Theory]
    [InlineData("10.0.100")]
    [InlineData("10.0.103")]
    [InlineData("10.0.200")]
    [InlineData("10.0.401")]
    [InlineData("10.0.499")]
    public void Every_10_0_SDK_from_10_0_100_on_is_accepted(string sdk)
    {
        Assert.True(Accepts(sdk), $"global.json ({Sdk.ToJsonString()}) refuses the .NET SDK {sdk}.");
    }

    [Theory]
    [InlineData("9.0.300")]
    [InlineData("11.0.100")]
    public void An_SDK_of_another_major_is_refused(string sdk)
    {
        Assert.False(Accepts(sdk), $"global.json ({Sdk.ToJsonString()}) accepts the .NET SDK {sdk}.");
    }

    /// <summary>
    /// Whether the SDK resolver would pick <paramref name="installed"/> when it is the only SDK there, following the
    /// roll-forward policies of global.json (https://learn.microsoft.com/dotnet/core/tools/global-json).
    /// </summary>
    private static bool Accepts(string installed)
    {
        var wanted = SdkVersion.Parse(Sdk["version"]?.GetValue<string>() ?? throw new InvalidDataException("global.json names no SDK version."));
        var have = SdkVersion.Parse(installed);
        if (have.CompareTo(wanted) < 0)
            return false;
        return (Sdk["rollForward"]?.GetValue<string>() ?? "latestPatch") switch
        {
            "disable" => have.Equals(wanted),
            "patch" or "latestPatch" => have.Major == wanted.Major && have.Minor == wanted.Minor && have.Band == wanted.Band,
            "feature" or "latestFeature" => have.Major == wanted.Major && have.Minor == wanted.Minor,
            "minor" or "latestMinor" => have.Major == wanted.Major,
            "major" or "latestMajor" => true,
            var policy => throw new InvalidDataException($"global.json has an unknown rollForward policy \"{policy}\"."),
        };
    }

    /// <summary>An SDK version, 10.0.401: major 10, minor 0, feature band 4, patch 01.</summary>
    private sealed record SdkVersion(int Major, int Minor, int Band, int Patch) : IComparable<SdkVersion>
    {
        public static SdkVersion Parse(string text)
        {
            var parts = text.Split('-')[0].Split('.').Select(int.Parse).ToArray();
            return new SdkVersion(parts[0], parts[1], parts[2] / 100, parts[2] % 100);
        }

        public int CompareTo(SdkVersion? other) =>
            other is null ? 1 : (Major, Minor, Band, Patch).CompareTo((other.Major, other.Minor, other.Band, other.Patch));
    }
}
