using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Models;
using ActorSync.Tmdb;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Paths;

/// <summary>
/// Finds the shortest chain of actors linked by shared movies ("six degrees of Kevin Bacon") over the actor–movie
/// graph: an actor links to the movies of their merged acting credits, a movie to the actors of its merged cast.
/// </summary>
/// <remarks>
/// <para>Bidirectional breadth-first search, one half-step (actor → movie or movie → actor) at a time, always growing
/// the side whose frontier is smaller: a chain of d degrees then reads far fewer resources than a search from one end.
/// Every frontier is read in one data-loader batch (through the entity cache); the very first batch reads both ends,
/// which both checks that they exist and grows each side by a half-step.</para>
/// <para>Tie-break: among equally short chains, the one whose sequence of (movie id, actor id) pairs, read from the
/// first actor to the last, is lexicographically smallest. Once the sides meet, every node on some shortest chain is
/// known, so walking from the first actor and always taking the smallest id that stays on a shortest chain gives exactly
/// that chain, whichever side happened to grow when.</para>
/// <para>Budget: a search may read at most <see cref="MaxResources"/> people and movies, counted whether or not they were
/// cached, so whether a query succeeds does not depend on what happens to be in the cache. A batch that would go over
/// is not started: the search fails with <c>PATH_SEARCH_LIMIT</c> having read no more than the budget.</para>
/// </remarks>
public sealed class PathFinder(IOptions<PathSearchOptions> options, IOptions<TmdbOptions> tmdb)
{
    /// <summary>The budget in force: live TMDB calls are slow and rate-limited, offline reads are in memory.</summary>
    public int MaxResources { get; } = tmdb.Value.EffectiveMode == TmdbMode.Live
        ? options.Value.MaxResources
        : options.Value.MaxResourcesOffline;

    /// <summary>
    /// The shortest chain from <paramref name="fromId"/> to <paramref name="toId"/> of at most <paramref name="maxDepth"/>
    /// degrees, or a null path when there is none. Throws <c>ACTOR_NOT_FOUND</c> for unknown ends and
    /// <c>PATH_SEARCH_LIMIT</c> when the budget runs out first.
    /// </summary>
    public Task<PathSearchResult> FindAsync(
        BatchLoader<int, ActorDetails?> people,
        BatchLoader<int, MovieDetails?> movies,
        int fromId,
        int toId,
        int maxDepth,
        CancellationToken cancellationToken) =>
        new Search(people, movies, MaxResources, cancellationToken).RunAsync(fromId, toId, maxDepth);

    /// <summary>A node of the bipartite actor–movie graph (the two id spaces overlap, hence the flag).</summary>
    private readonly record struct Node(bool IsMovie, int Id)
    {
        public static Node Actor(int id) => new(false, id);
        public static Node Movie(int id) => new(true, id);
    }

    /// <summary>One direction of the search: how far each reached node is from its end, and the nodes reached last.</summary>
    private sealed class Side(Node start)
    {
        public Dictionary<Node, int> Depth { get; } = new() { [start] = 0 };
        public List<Node> Frontier { get; set; } = [start];
        public int Layer { get; set; }
    }

    private sealed class Search(
        BatchLoader<int, ActorDetails?> people,
        BatchLoader<int, MovieDetails?> movies,
        int budget,
        CancellationToken cancellationToken)
    {
        // Links found while expanding, both ways, for walking the chain back once the sides meet.
        private readonly Dictionary<Node, List<Node>> _links = [];
        // What is known of each node reached: details where it was read, else the summary it was met with.
        private readonly Dictionary<int, ActorRef> _actors = [];
        private readonly Dictionary<int, MovieRef> _movies = [];
        private int _resources;
        private int _batches;

        public async Task<PathSearchResult> RunAsync(int fromId, int toId, int maxDepth)
        {
            int[] ends = fromId == toId ? [fromId] : [fromId, toId];
            var found = await LoadPeopleAsync(ends).ConfigureAwait(false);
            var missing = ends.Where((_, i) => found[i] is null).ToArray();
            if (missing.Length > 0)
                throw ActorSyncError.ActorNotFound(missing);
            if (fromId == toId)
                return Result(new ActorPath([]));

            var forward = new Side(Node.Actor(fromId));
            var backward = new Side(Node.Actor(toId));
            var meeting = Expand(forward, backward, [Neighbors(found[0])]);
            if (meeting.Count == 0)
                meeting = Expand(backward, forward, [Neighbors(found[1])]);

            while (meeting.Count == 0)
            {
                // The sides have not met, so the shortest chain is longer than the half-steps taken: 2 per degree.
                if (forward.Layer + backward.Layer >= 2 * maxDepth || forward.Frontier.Count == 0 || backward.Frontier.Count == 0)
                    return Result(null);
                var (side, other) = forward.Frontier.Count <= backward.Frontier.Count ? (forward, backward) : (backward, forward);
                meeting = Expand(side, other, await LoadNeighborsAsync(side.Frontier).ConfigureAwait(false));
            }
            return Result(Walk(fromId, forward, backward, meeting));
        }

        private PathSearchResult Result(ActorPath? path) => new(path, _resources, _batches);

        /// <summary>Counts a batch against the budget before it starts, so a refused one calls nothing.</summary>
        private void Spend(int count)
        {
            if (_resources + count > budget)
                throw ActorSyncError.PathSearchLimit(budget);
            _resources += count;
            _batches++;
        }

        private async Task<IReadOnlyList<ActorDetails?>> LoadPeopleAsync(IReadOnlyList<int> ids)
        {
            Spend(ids.Count);
            return await people.LoadMany(ids).GetResultAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task<List<Node>[]> LoadNeighborsAsync(List<Node> frontier)
        {
            // A side's frontier is all actors or all movies: the graph is bipartite and layers alternate.
            var ids = frontier.ConvertAll(n => n.Id);
            if (!frontier[0].IsMovie)
                return [.. (await LoadPeopleAsync(ids).ConfigureAwait(false)).Select(Neighbors)];
            Spend(ids.Count);
            var details = await movies.LoadMany(ids).GetResultAsync(cancellationToken).ConfigureAwait(false);
            return [.. details.Select(Neighbors)];
        }

        private List<Node> Neighbors(ActorDetails? person)
        {
            if (person is null)
                return []; // a credit naming someone TMDB no longer has is a dead end, not an error
            _actors[person.Person.Id] = person.Ref;
            var neighbors = new List<Node>(person.Credits.Count);
            foreach (var credit in person.Credits)
            {
                _movies.TryAdd(credit.Movie.Id, credit.Movie);
                neighbors.Add(Node.Movie(credit.Movie.Id));
            }
            return neighbors;
        }

        private List<Node> Neighbors(MovieDetails? movie)
        {
            if (movie is null)
                return [];
            _movies[movie.Movie.Id] = movie.Ref;
            var neighbors = new List<Node>(movie.Cast.Count);
            foreach (var entry in movie.Cast)
            {
                _actors.TryAdd(entry.Actor.Id, entry.Actor);
                neighbors.Add(Node.Actor(entry.Actor.Id));
            }
            return neighbors;
        }

        /// <summary>Grows <paramref name="side"/> by one half-step; returns the new nodes the other side has reached too.</summary>
        private List<Node> Expand(Side side, Side other, IReadOnlyList<List<Node>> neighbors)
        {
            var layer = side.Layer + 1;
            var next = new List<Node>();
            var meeting = new List<Node>();
            for (var i = 0; i < side.Frontier.Count; i++)
            {
                var node = side.Frontier[i];
                foreach (var neighbor in neighbors[i])
                {
                    // A link back to the layer that reached this node was recorded when that layer grew.
                    if (side.Depth.TryGetValue(neighbor, out var depth) && depth == side.Layer - 1)
                        continue;
                    Link(node, neighbor);
                    if (!side.Depth.TryAdd(neighbor, layer))
                        continue;
                    next.Add(neighbor);
                    if (other.Depth.ContainsKey(neighbor))
                        meeting.Add(neighbor);
                }
            }
            side.Frontier = next;
            side.Layer = layer;
            return meeting;
        }

        private void Link(Node a, Node b)
        {
            LinksOf(a).Add(b);
            LinksOf(b).Add(a);
        }

        private List<Node> LinksOf(Node node)
        {
            if (!_links.TryGetValue(node, out var links))
                _links[node] = links = [];
            return links;
        }

        /// <summary>
        /// The lexicographically smallest shortest chain. The sides met on the first expansion that reached the other
        /// side, so the chain is <c>forward.Layer + backward.Layer</c> half-steps long and crosses at a meeting node
        /// <c>forward.Layer</c> half-steps from the start. Nodes before the crossing are on a shortest chain when they
        /// lead to a meeting node (worked out backwards from the meeting nodes); nodes after it are on one when they are
        /// one half-step closer to the end. From the start, the walk takes the smallest such neighbor each time.
        /// </summary>
        private ActorPath Walk(int fromId, Side forward, Side backward, List<Node> meeting)
        {
            var crossing = forward.Layer;
            var length = forward.Layer + backward.Layer;

            var leadsToMeeting = new HashSet<Node>[crossing + 1];
            leadsToMeeting[crossing] = [.. meeting];
            for (var layer = crossing - 1; layer >= 0; layer--)
            {
                leadsToMeeting[layer] = [];
                foreach (var node in leadsToMeeting[layer + 1])
                {
                    foreach (var neighbor in _links[node])
                    {
                        if (forward.Depth.TryGetValue(neighbor, out var depth) && depth == layer)
                            leadsToMeeting[layer].Add(neighbor);
                    }
                }
            }

            var chain = new List<Node>(length + 1) { Node.Actor(fromId) };
            for (var step = 1; step <= length; step++)
            {
                var onShortestChain = _links[chain[^1]].Where(n => step <= crossing
                    ? leadsToMeeting[step].Contains(n)
                    : backward.Depth.TryGetValue(n, out var depth) && depth == length - step);
                chain.Add(onShortestChain.MinBy(n => n.Id));
            }

            var steps = new PathStep[length / 2];
            for (var i = 0; i < steps.Length; i++)
                steps[i] = new PathStep(_actors[chain[2 * i].Id], _movies[chain[2 * i + 1].Id], _actors[chain[2 * i + 2].Id]);
            return new ActorPath(steps);
        }
    }
}
