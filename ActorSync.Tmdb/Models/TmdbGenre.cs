using System.Text.Json.Serialization;

namespace ActorSync.Tmdb.Models;

/// <summary>A genre as TMDB names it inside a movie (<c>genres[]</c>).</summary>
public sealed record TmdbGenre(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name);
