using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.DataLoading;
using ActorSync.GraphQL.Errors;
using ActorSync.GraphQL.Kernel;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace ActorSync.GraphQL.Relay;

/// <summary>Relay's <c>node</c> and <c>nodes</c> root fields.</summary>
public static class NodeQueries
{
    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches any object by its global ID; null when it does not exist.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global ID from an `id` field.")
            .CacheAs(CacheKind.Movie) // an actor or a movie: the shorter of the two
            .Resolve(ctx => Load(ctx, ctx.GetArgument<string>("id"), "id"));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Fetches objects by their global IDs, in the order given; null in place of one that does not exist. At most 50 ids.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global IDs from `id` fields.")
            .CacheAs(CacheKind.Movie)
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids") ?? [];
                if (ids.Count > ArgumentRules.MaxLookup)
                    throw ActorSyncError.BadUserInput("ids", ArgumentRules.TooManyIds(ids.Count, "ids"));
                var pending = ids.Select(id => Load(ctx, id, "ids")).ToArray();
                var nodes = new object?[pending.Length];
                for (var i = 0; i < pending.Length; i++)
                    nodes[i] = await pending[i].GetResultAsync(ctx.CancellationToken);
                return nodes;
            });
    }

    private static IDataLoaderResult<object?> Load(IResolveFieldContext ctx, string id, string argument)
    {
        if (!GlobalId.TryDecode(id, out var type, out var tmdbId))
            throw ActorSyncError.BadUserInput(argument, $"\"{Truncate(id)}\" is not a global ID issued by this API.");
        if (tmdbId is < 1 or > ArgumentRules.MaxTmdbId)
            return DataLoaderResult.FromValue<object?>(null);
        return type == GlobalId.Actor
            ? ctx.People().Load(tmdbId).Then(d => (object?)d?.Ref)
            : ctx.Movies().Load(tmdbId).Then(d => (object?)d?.Ref);
    }

    private static string Truncate(string id) => id.Length <= 40 ? id : id[..40] + "…";
}
