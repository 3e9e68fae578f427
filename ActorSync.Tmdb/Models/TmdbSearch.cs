using System.Text.Json.Serialization;

namespace ActorSync.Tmdb.Models;

/// <summary>A page of a TMDB search (<c>/search/person</c>, <c>/search/movie</c>): 20 results a page.</summary>
public sealed record TmdbSearchPage<T>
{
    [JsonPropertyName("page")] public int Page { get; init; }
    [JsonPropertyName("results")] public IReadOnlyList<T> Results { get; init; } = [];
    [JsonPropertyName("total_pages")] public int TotalPages { get; init; }
    [JsonPropertyName("total_results")] public int TotalResults { get; init; }
}

/// <summary>A result of <c>/search/person</c>.</summary>
public sealed record TmdbPersonSearchResult
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("original_name")] public string? OriginalName { get; init; }
    [JsonPropertyName("gender")] public int? Gender { get; init; }
    [JsonPropertyName("known_for_department")] public string? KnownForDepartment { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("profile_path")] public string? ProfilePath { get; init; }
    [JsonPropertyName("adult")] public bool Adult { get; init; }
    [JsonPropertyName("known_for")] public IReadOnlyList<TmdbKnownForItem>? KnownFor { get; init; }
}

/// <summary>An entry of a search result's <c>known_for</c> (movies carry <c>media_type: "movie"</c>).</summary>
public sealed record TmdbKnownForItem
{
    [JsonPropertyName("id")] public required int Id { get; init; }
    [JsonPropertyName("media_type")] public string? MediaType { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; init; }
    [JsonPropertyName("popularity")] public double? Popularity { get; init; }
    [JsonPropertyName("poster_path")] public string? PosterPath { get; init; }
}

/// <summary>A result of <c>/search/movie</c>.</summary>
public sealed record TmdbMovieSearchResult : TmdbMovieListItem;
