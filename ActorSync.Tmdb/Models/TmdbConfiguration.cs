using System.Text.Json.Serialization;

namespace ActorSync.Tmdb.Models;

/// <summary><c>GET /configuration</c>: where TMDB serves images. Cheap, so health checks use it as a probe.</summary>
public sealed record TmdbConfiguration
{
    [JsonPropertyName("images")] public TmdbImageConfiguration? Images { get; init; }
}

public sealed record TmdbImageConfiguration
{
    [JsonPropertyName("base_url")] public string? BaseUrl { get; init; }
    [JsonPropertyName("secure_base_url")] public string? SecureBaseUrl { get; init; }
    [JsonPropertyName("poster_sizes")] public IReadOnlyList<string>? PosterSizes { get; init; }
    [JsonPropertyName("profile_sizes")] public IReadOnlyList<string>? ProfileSizes { get; init; }
}

/// <summary>TMDB's error body: <c>{"success": false, "status_code": 34, "status_message": "…"}</c>.</summary>
public sealed record TmdbError
{
    [JsonPropertyName("success")] public bool? Success { get; init; }
    [JsonPropertyName("status_code")] public int? StatusCode { get; init; }
    [JsonPropertyName("status_message")] public string? StatusMessage { get; init; }
}
