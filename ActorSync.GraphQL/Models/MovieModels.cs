using System.Runtime.CompilerServices;
using ActorSync.GraphQL.Scalars;
using ActorSync.Tmdb.Models;

namespace ActorSync.GraphQL.Models;

/// <summary>
/// What a <c>Movie</c> field resolves from: the id, plus whatever was already known where the movie was
/// met (a credit or a search result carries a summary; a movie lookup carries the details). Fields the
/// summary cannot answer load the details through the movie loader (<c>DataLoading/MovieLoader</c>).
/// </summary>
public sealed record MovieRef(int Id, MovieSummary? Summary = null, MovieDetails? Details = null)
{
    public MovieSummary? Known => Details?.Summary ?? Summary;
}

/// <summary>The fields TMDB repeats wherever it lists a movie.</summary>
public sealed record MovieSummary(
    string Title,
    string? OriginalTitle,
    string? Overview,
    DateOnly? ReleaseDate,
    double? VoteAverage,
    int? VoteCount,
    double? Popularity,
    string? PosterPath)
{
    public static MovieSummary From(TmdbMovieListItem item) => new(
        item.Title, item.OriginalTitle, item.Overview, DateType.ParseOrNull(item.ReleaseDate),
        item.VoteAverage, item.VoteCount, item.Popularity, item.PosterPath);

    public static MovieSummary From(TmdbMovie movie) => new(
        movie.Title, movie.OriginalTitle, movie.Overview, DateType.ParseOrNull(movie.ReleaseDate),
        movie.VoteAverage, movie.VoteCount, movie.Popularity, movie.PosterPath);
}

/// <summary>A movie with its credits, as one TMDB call returns it, with the cast merged per actor.</summary>
public sealed class MovieDetails
{
    private MovieDetails(TmdbMovie movie)
    {
        Movie = movie;
        Summary = MovieSummary.From(movie);
        Cast = MergeCast(movie.Credits?.Cast ?? []);
    }

    /// <summary>The details of a movie DTO, built once per DTO instance (see <see cref="ActorDetails.Of"/>).</summary>
    public static MovieDetails Of(TmdbMovie movie) => Derived.GetValue(movie, Build);

    private static readonly ConditionalWeakTable<TmdbMovie, MovieDetails> Derived = new();
    private static readonly ConditionalWeakTable<TmdbMovie, MovieDetails>.CreateValueCallback Build = m => new MovieDetails(m);

    public TmdbMovie Movie { get; }
    public MovieSummary Summary { get; }

    /// <summary>One entry per actor in billing order: an actor with several roles keeps the earliest billing, characters joined with " / ".</summary>
    public IReadOnlyList<CastEntry> Cast { get; }

    public MovieRef Ref => new(Movie.Id, Summary, this);

    private static CastEntry[] MergeCast(IReadOnlyList<TmdbCastMember> cast)
    {
        var merged = new List<CastEntry>(cast.Count);
        var positions = new Dictionary<int, int>(cast.Count);
        foreach (var member in cast.OrderBy(m => m.Order))
        {
            if (positions.TryGetValue(member.Id, out var at))
            {
                merged[at] = merged[at] with { Character = Roles.Join(merged[at].Character, member.Character) };
                continue;
            }
            positions[member.Id] = merged.Count;
            var actor = new ActorRef(member.Id, new ActorSummary(member.Name, member.Gender, member.ProfilePath, member.KnownForDepartment, member.Popularity));
            merged.Add(new CastEntry(actor, Roles.Clean(member.Character), member.Order));
        }
        return [.. merged];
    }
}

/// <summary>An actor in a movie's cast.</summary>
public sealed record CastEntry(ActorRef Actor, string? Character, int Order);
