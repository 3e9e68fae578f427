using System.Runtime.CompilerServices;
using ActorSync.Tmdb.Models;

namespace ActorSync.GraphQL.Models;

/// <summary>
/// What an <c>Actor</c> field resolves from: the id, plus whatever was already known where the actor was
/// met (a cast entry or a search result carries a summary; a lookup carries the details).
/// </summary>
public sealed record ActorRef(int Id, ActorSummary? Summary = null, ActorDetails? Details = null);

/// <summary>The fields TMDB repeats wherever it lists a person.</summary>
public sealed record ActorSummary(string Name, int? Gender, string? ProfilePath, string? KnownForDepartment, double? Popularity);

/// <summary>A person with their movie credits, as one TMDB call returns them, with credits merged per movie.</summary>
public sealed class ActorDetails
{
    private ActorDetails(TmdbPerson person)
    {
        Person = person;
        Credits = MergeCredits(person.MovieCredits?.Cast ?? []);
    }

    /// <summary>
    /// The details of a person DTO, built once per DTO instance: the entity cache hands out the same instance while it
    /// holds it, so a warm request reuses the merged credits and timeline instead of rebuilding them (they live as
    /// long as the cached DTO does).
    /// </summary>
    public static ActorDetails Of(TmdbPerson person) => Derived.GetValue(person, Build);

    private static readonly ConditionalWeakTable<TmdbPerson, ActorDetails> Derived = new();
    private static readonly ConditionalWeakTable<TmdbPerson, ActorDetails>.CreateValueCallback Build = p => new ActorDetails(p);

    public TmdbPerson Person { get; }

    /// <summary>One acting credit per movie, newest release first, undated last.</summary>
    public IReadOnlyList<ActorCredit> Credits { get; }

    public ActorRef Ref => _ref ??= new(Person.Id, null, this);

    private ActorRef? _ref;

    /// <summary>Dated credits by release year: newest year first, earliest release first within a year.</summary>
    public IReadOnlyList<TimelineYear> Timeline => _timeline ??= BuildTimeline(Credits);

    private IReadOnlyList<TimelineYear>? _timeline;

    private static TimelineYear[] BuildTimeline(IReadOnlyList<ActorCredit> credits) =>
        credits
            .Where(c => c.Movie.Known?.ReleaseDate is not null)
            .GroupBy(c => c.Movie.Known!.ReleaseDate!.Value.Year)
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var year = g.ToArray();
                Array.Sort(year, (a, b) => ReleaseOrder.EarliestFirst(a.Movie, b.Movie));
                return new TimelineYear(g.Key, year);
            })
            .ToArray();

    private static ActorCredit[] MergeCredits(IReadOnlyList<TmdbPersonCastCredit> cast)
    {
        var byMovie = new Dictionary<int, ActorCredit>(cast.Count);
        foreach (var credit in cast.OrderBy(c => c.Order ?? int.MaxValue))
        {
            if (byMovie.TryGetValue(credit.Id, out var seen))
            {
                byMovie[credit.Id] = seen with { Character = Roles.Join(seen.Character, credit.Character) };
                continue;
            }
            byMovie[credit.Id] = new ActorCredit(new MovieRef(credit.Id, MovieSummary.From(credit)), Roles.Clean(credit.Character), credit.Order);
        }
        var credits = byMovie.Values.ToArray();
        Array.Sort(credits, (a, b) => ReleaseOrder.NewestFirst(a.Movie, b.Movie));
        return credits;
    }
}

/// <summary>An acting credit: one per movie.</summary>
public sealed record ActorCredit(MovieRef Movie, string? Character, int? Order);

/// <summary>A year of an actor's timeline.</summary>
public sealed record TimelineYear(int Year, IReadOnlyList<ActorCredit> Credits);
