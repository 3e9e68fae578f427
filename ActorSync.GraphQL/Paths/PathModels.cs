using ActorSync.GraphQL.Models;

namespace ActorSync.GraphQL.Paths;

/// <summary>A chain of actors linked by shared movies: <see cref="Degrees"/> steps from the first actor to the last.</summary>
public sealed record ActorPath(IReadOnlyList<PathStep> Steps)
{
    public int Degrees => Steps.Count;
}

/// <summary>One link of a path: two actors and a movie both acted in.</summary>
public sealed record PathStep(ActorRef From, MovieRef Movie, ActorRef To);

/// <summary>
/// What a search found (null: no chain within the depth asked for), with what it cost: the people and movies it
/// read and the data-loader batches it took (one per frontier expansion).
/// </summary>
public sealed record PathSearchResult(ActorPath? Path, int ResourcesRead, int Batches);
