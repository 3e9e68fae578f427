using System.Text.Json.Serialization;
using ActorSync.Tmdb.Models;

namespace ActorSync.Tmdb;

/// <summary>Source-generated System.Text.Json metadata for every TMDB shape we read or write.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TmdbMovie))]
[JsonSerializable(typeof(TmdbPerson))]
[JsonSerializable(typeof(TmdbSearchPage<TmdbPersonSearchResult>))]
[JsonSerializable(typeof(TmdbSearchPage<TmdbMovieSearchResult>))]
[JsonSerializable(typeof(TmdbConfiguration))]
[JsonSerializable(typeof(TmdbError))]
public sealed partial class TmdbJsonContext : JsonSerializerContext;
