using System.Text.Json.Nodes;

namespace ActorSync.Bench;

/// <summary>The contract queries the figures send.</summary>
public static class Queries
{
    /// <summary>
    /// A comparison with movie details: the actors (one TMDB person call each, credits included), the shared movies with
    /// runtime and genres (one movie call each, in one concurrent batch), and the careers side by side (from the credits).
    /// </summary>
    public const string CompareWithDetails = """
        query CompareWithDetails($ids: [Int!]!) {
          compareActors(tmdbIds: $ids) {
            actors { tmdbId name }
            sharedMovies {
              movie { tmdbId title releaseYear runtime genres }
              roles { actor { name } character }
            }
            timeline { year entries { movie { title } shared } }
          }
        }
        """;

    public const string ActorWithCareer = """
        query Actor($id: Int!) {
          actor(tmdbId: $id) {
            id name gender profileUrl(size: W45)
            credits { movie { id title releaseYear } character order }
            timeline { year credits { movie { title } character } }
          }
        }
        """;

    public const string MovieWithCast = """
        query Movie($id: Int!) {
          movie(tmdbId: $id) {
            id title releaseDate runtime genres tagline posterUrl
            cast(first: 10) { actor { id name } character order }
          }
        }
        """;

    public const string CompareMovies = """
        query CompareMovies($ids: [Int!]!) {
          compareMovies(tmdbIds: $ids) {
            movies { title releaseDate }
            sharedCast { actor { tmdbId name popularity } roles { movie { title } character } }
          }
        }
        """;

    public const string SearchActors = """
        query SearchActors($q: String!, $first: Int, $after: String) {
          searchActors(query: $q, first: $first, after: $after) {
            totalCount
            edges { cursor node { tmdbId name } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string SearchMovies = """
        query SearchMovies($q: String!, $first: Int, $after: String) {
          searchMovies(query: $q, first: $first, after: $after) {
            totalCount
            edges { cursor node { tmdbId title releaseYear } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string Node = """
        query Node($id: ID!) {
          node(id: $id) { id ... on Actor { name credits { movie { title } } } ... on Movie { title runtime } }
        }
        """;

    public const string Nodes = """
        query Nodes($ids: [ID!]!) {
          nodes(ids: $ids) { id ... on Actor { name knownForDepartment } ... on Movie { title genres } }
        }
        """;

    public const string Actors = """
        query Actors($ids: [Int!]!) {
          actors(tmdbIds: $ids) { name credits { movie { title } } }
        }
        """;

    public const string Movies = """
        query Movies($ids: [Int!]!) {
          movies(tmdbIds: $ids) { title runtime cast(first: 3) { actor { name } } }
        }
        """;

    /// <summary>The same actors as a comparison with movie details, but asking only for what the credits carry.</summary>
    public const string CompareTitlesOnly = """
        query CompareTitles($ids: [Int!]!) {
          compareActors(tmdbIds: $ids) { sharedMovies { movie { title } } timeline { year entries { movie { title } } } }
        }
        """;

    public const string ActorName = "query Ready($id: Int!) { actor(tmdbId: $id) { name } }";

    public static JsonObject Ids(params int[] ids) => new() { ["ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) };

    public static JsonObject Id(int id) => new() { ["id"] = id };

    public static JsonObject Search(string text, int first, string? after = null) =>
        new() { ["q"] = text, ["first"] = first, ["after"] = after };

    /// <summary>A Relay global id as the API issues them: base64url of "Type:tmdbId".</summary>
    public static string GlobalId(string type, int tmdbId) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes($"{type}:{tmdbId}"));

    /// <summary>The TMDB resource behind a global id (<c>person/287</c>, <c>movie/550</c>).</summary>
    public static string ResourceOf(string globalId)
    {
        var text = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(globalId));
        var (type, id) = (text.Split(':')[0], text.Split(':')[1]);
        return type == "Actor" ? $"person/{id}" : $"movie/{id}";
    }
}
