using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Movies;

public sealed class MovieQueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly GraphQLClient _client = new(factory.CreateClient());
    private static SnapshotOracle Data => SnapshotOracle.Instance;

    public static TheoryData<int> SampleMovies()
    {
        var ids = Data.Movies.Keys.Order().ToArray();
        var random = new Random(42);
        var data = new TheoryData<int>();
        foreach (var id in Enumerable.Range(0, 10).Select(_ => ids[random.Next(ids.Length)]).Append(Data.Movies.Values.Single(m => m.Title == "Snatch").Id).Distinct())
            data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleMovies))]
    public async Task A_movie_has_the_snapshot_details_and_its_cast_in_billing_order_once_per_actor(int tmdbId)
    {
        var data = await _client.DataAsync($$"""
            { movie(tmdbId: {{tmdbId}}) {
                tmdbId title originalTitle overview tagline releaseDate releaseYear runtime genres
                voteAverage voteCount popularity posterUrl tmdbUrl
                cast { actor { tmdbId name } character order }
            } }
            """);
        var movie = data["movie"]!;
        var expected = Data.Movies[tmdbId];

        Assert.Equal(expected.Title, movie["title"]!.GetValue<string>());
        Assert.Equal(NullIfEmpty(expected.OriginalTitle), movie["originalTitle"]?.GetValue<string>());
        Assert.Equal(NullIfEmpty(expected.Overview), movie["overview"]?.GetValue<string>());
        Assert.Equal(NullIfEmpty(expected.Tagline), movie["tagline"]?.GetValue<string>());
        Assert.Equal(expected.ReleaseDate, movie["releaseDate"]?.GetValue<string>());
        Assert.Equal(expected.ReleaseDate is null ? null : int.Parse(expected.ReleaseDate[..4]), movie["releaseYear"]?.GetValue<int>());
        Assert.Equal(expected.Runtime is > 0 ? expected.Runtime : null, movie["runtime"]?.GetValue<int>());
        Assert.Equal(expected.Genres, movie["genres"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(expected.VoteAverage, movie["voteAverage"]!.GetValue<double>(), 6);
        Assert.Equal(expected.VoteCount, movie["voteCount"]!.GetValue<int>());
        Assert.Equal(expected.Popularity, movie["popularity"]!.GetValue<double>(), 6);
        Assert.Equal(expected.PosterPath is null ? null : "https://image.tmdb.org/t/p/w342" + expected.PosterPath, movie["posterUrl"]?.GetValue<string>());
        Assert.Equal($"https://www.themoviedb.org/movie/{tmdbId}", movie["tmdbUrl"]!.GetValue<string>());

        var cast = movie["cast"]!.AsArray();
        var expectedCast = Expected.Cast(tmdbId);
        Assert.Equal(expectedCast.Select(c => c.PersonId), cast.Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
        Assert.Equal(expectedCast.Select(c => c.Character), cast.Select(c => c!["character"]?.GetValue<string>()));
        Assert.Equal(expectedCast.Select(c => c.Order), cast.Select(c => c!["order"]!.GetValue<int>()));
        Assert.Equal(expectedCast.Select(c => Data.People[c.PersonId].Name), cast.Select(c => c!["actor"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cast_first_limits_the_cast_to_the_top_billed()
    {
        var movie = Data.Movies.Values.OrderByDescending(m => m.Cast.Count).ThenBy(m => m.Id).First();
        var data = await _client.DataAsync($"{{ movie(tmdbId: {movie.Id}) {{ cast(first: 5) {{ actor {{ tmdbId }} }} }} }}");
        Assert.Equal(Expected.Cast(movie.Id).Take(5).Select(c => c.PersonId),
            data["movie"]!["cast"]!.AsArray().Select(c => c!["actor"]!["tmdbId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Movies_returns_each_id_in_order_with_null_for_unknown_ones()
    {
        var known = Data.Movies.Keys.Order().Take(2).ToArray();
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.Movies.ContainsKey(id));
        var data = await _client.DataAsync($"{{ movies(tmdbIds: [{known[0]}, {unknown}, {known[1]}]) {{ title }} }}");
        var movies = data["movies"]!.AsArray();
        Assert.Equal(Data.Movies[known[0]].Title, movies[0]!["title"]!.GetValue<string>());
        Assert.Null(movies[1]);
        Assert.Equal(Data.Movies[known[1]].Title, movies[2]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_movie_is_null()
    {
        var unknown = Enumerable.Range(1, 1000).First(id => !Data.Movies.ContainsKey(id));
        Assert.Null((await _client.DataAsync($"{{ movie(tmdbId: {unknown}) {{ title }} }}"))["movie"]);
    }

    [Theory]
    [InlineData("W92", "w92")]
    [InlineData("W780", "w780")]
    [InlineData("ORIGINAL", "original")]
    public async Task Poster_urls_use_the_requested_size(string size, string path)
    {
        var movie = Data.Movies.Values.Where(m => m.PosterPath is not null).OrderBy(m => m.Id).First();
        var data = await _client.DataAsync($"{{ movie(tmdbId: {movie.Id}) {{ posterUrl(size: {size}) }} }}");
        Assert.Equal($"https://image.tmdb.org/t/p/{path}{movie.PosterPath}", data["movie"]!["posterUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_movie_met_in_a_credit_answers_detail_fields_too()
    {
        var id = Expected.SampleActors(1, seed: 3).Single();
        var data = await _client.DataAsync($"{{ actor(tmdbId: {id}) {{ credits {{ movie {{ tmdbId runtime genres tagline }} }} }} }}");
        foreach (var credit in data["actor"]!["credits"]!.AsArray())
        {
            var movie = Data.Movies[credit!["movie"]!["tmdbId"]!.GetValue<int>()];
            Assert.Equal(movie.Runtime is > 0 ? movie.Runtime : null, credit["movie"]!["runtime"]?.GetValue<int>());
            Assert.Equal(movie.Genres, credit["movie"]!["genres"]!.AsArray().Select(g => g!.GetValue<string>()));
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
