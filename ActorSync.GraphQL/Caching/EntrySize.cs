using ActorSync.Tmdb.Models;

namespace ActorSync.GraphQL.Caching;

/// <summary>
/// What a cached TMDB value costs the memory level, in KiB, for its size-bounded budget (<c>Caching:MemoryLimitMb</c>).
/// A flat size per entity let a budget of 64 MB hold far more than that: a live person's credits carry every movie's
/// overview, tens of KB each, and the derived details built from them (ActorDetails.Of) come on top. This is an
/// estimate from what the value holds (strings at two bytes a character, a fixed cost per object), cheap next to the
/// fetch it follows. Strings the offline snapshot shares are counted as if they were the entry's own, which errs on
/// the side of holding fewer entries.
/// </summary>
public static class EntrySize
{
    /// <summary>An object's header, fields and the references to it, roughly.</summary>
    private const int PerObject = 80;

    /// <summary>
    /// The derived details built per credit or cast member (a credit, a movie or actor reference, a summary, and for a
    /// person's credits the comparison entry of their own, with its role).
    /// </summary>
    private const int DerivedPerEntry = 4 * PerObject;

    public static long KiB(object? value) => value switch
    {
        TmdbPerson person => ToKiB(Person(person)),
        TmdbMovie movie => ToKiB(Movie(movie)),
        TmdbSearchPage<TmdbPersonSearchResult> page => ToKiB(PerObject + page.Results.Sum(PersonResult)),
        TmdbSearchPage<TmdbMovieSearchResult> page => ToKiB(PerObject + page.Results.Sum(MovieItem)),
        _ => 1,
    };

    private static long Person(TmdbPerson p)
    {
        long bytes = PerObject + S(p.Name) + S(p.Biography) + S(p.Birthday) + S(p.Deathday) + S(p.PlaceOfBirth)
            + S(p.KnownForDepartment) + S(p.ProfilePath) + S(p.ImdbId) + S(p.Homepage) + (p.AlsoKnownAs?.Sum(S) ?? 0);
        if (p.MovieCredits is { } credits)
        {
            foreach (var credit in credits.Cast)
                bytes += MovieItem(credit) + S(credit.Character) + S(credit.CreditId) + DerivedPerEntry;
            foreach (var credit in credits.Crew)
                bytes += MovieItem(credit) + S(credit.Department) + S(credit.Job) + S(credit.CreditId);
        }
        return bytes;
    }

    private static long Movie(TmdbMovie m)
    {
        long bytes = PerObject + S(m.Title) + S(m.OriginalTitle) + S(m.OriginalLanguage) + S(m.Overview) + S(m.Tagline)
            + S(m.ReleaseDate) + S(m.PosterPath) + S(m.BackdropPath) + S(m.ImdbId) + S(m.Status)
            + (m.Genres?.Sum(g => PerObject + S(g.Name)) ?? 0);
        if (m.Credits is { } credits)
        {
            foreach (var member in credits.Cast)
                bytes += PerObject + S(member.Name) + S(member.OriginalName) + S(member.KnownForDepartment) + S(member.ProfilePath)
                    + S(member.Character) + S(member.CreditId) + DerivedPerEntry;
            foreach (var member in credits.Crew)
                bytes += PerObject + S(member.Name) + S(member.OriginalName) + S(member.KnownForDepartment) + S(member.ProfilePath)
                    + S(member.Department) + S(member.Job) + S(member.CreditId);
        }
        return bytes;
    }

    private static long MovieItem(TmdbMovieListItem item) =>
        PerObject + S(item.Title) + S(item.OriginalTitle) + S(item.OriginalLanguage) + S(item.Overview) + S(item.ReleaseDate)
        + S(item.PosterPath) + S(item.BackdropPath) + (item.GenreIds?.Count ?? 0) * 4;

    private static long PersonResult(TmdbPersonSearchResult r) =>
        PerObject + S(r.Name) + S(r.OriginalName) + S(r.KnownForDepartment) + S(r.ProfilePath)
        + (r.KnownFor?.Sum(k => PerObject + S(k.MediaType) + S(k.Title) + S(k.Name) + S(k.ReleaseDate) + S(k.PosterPath)) ?? 0);

    /// <summary>A string's object and its UTF-16 characters.</summary>
    private static long S(string? text) => text is null ? 0 : 24 + 2L * text.Length;

    private static long ToKiB(long bytes) => Math.Max(1, (bytes + 1023) / 1024);
}
