using ActorSync.GraphQL.Models;
using ActorSync.Tmdb.Models;

namespace ActorSync.GraphQL.Tests.Actors;

/// <summary>Details derived from a cached DTO are built once per DTO instance, and never outlive a refreshed DTO.</summary>
public sealed class DerivedDetailsTests
{
    private static TmdbPerson Person(string character) => new()
    {
        Id = 287,
        Name = "Brad Pitt",
        MovieCredits = new TmdbPersonMovieCredits
        {
            Cast =
            [
                new TmdbPersonCastCredit { Id = 550, Title = "Fight Club", ReleaseDate = "1999-10-15", Character = character, Order = 1 },
                new TmdbPersonCastCredit { Id = 1422, Title = "The Departed", ReleaseDate = "2006-10-05", Character = "Uncredited", Order = 2 },
            ],
        },
    };

    [Fact]
    public void The_same_person_dto_gives_the_same_details_with_credits_and_timeline_built_once()
    {
        var person = Person("Tyler Durden");

        var first = ActorDetails.Of(person);
        var second = ActorDetails.Of(person);

        Assert.Same(first, second);
        Assert.Same(first.Timeline, second.Timeline);
        Assert.Equal([1422, 550], first.Credits.Select(c => c.Movie.Id));
    }

    [Fact]
    public void A_refreshed_person_dto_gets_details_of_its_own_even_when_it_equals_the_old_one()
    {
        var old = Person("Tyler Durden");
        var sameValues = old with { };
        var changed = Person("Tyler");

        Assert.Equal(old, sameValues);
        Assert.NotSame(ActorDetails.Of(old), ActorDetails.Of(sameValues));
        Assert.Equal("Tyler", ActorDetails.Of(changed).Credits.Single(c => c.Movie.Id == 550).Character);
        Assert.Equal("Tyler Durden", ActorDetails.Of(old).Credits.Single(c => c.Movie.Id == 550).Character);
    }

    [Fact]
    public void The_same_movie_dto_gives_the_same_details_and_a_new_one_its_own()
    {
        var movie = new TmdbMovie
        {
            Id = 550,
            Title = "Fight Club",
            Credits = new TmdbMovieCredits { Cast = [new TmdbCastMember { Id = 287, Name = "Brad Pitt", Character = "Tyler Durden", Order = 1 }] },
        };

        Assert.Same(MovieDetails.Of(movie), MovieDetails.Of(movie));
        var refreshed = movie with { Credits = new TmdbMovieCredits { Cast = [new TmdbCastMember { Id = 287, Name = "Brad Pitt", Character = "Tyler", Order = 1 }] } };
        Assert.Equal("Tyler", MovieDetails.Of(refreshed).Cast.Single().Character);
        Assert.Equal("Tyler Durden", MovieDetails.Of(movie).Cast.Single().Character);
    }
}
