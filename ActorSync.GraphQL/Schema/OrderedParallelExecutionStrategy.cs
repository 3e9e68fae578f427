using GraphQL;
using GraphQL.Execution;

namespace ActorSync.GraphQL.Schema;

/// <summary>
/// Runs a query's fields in parallel, then lists the errors by path, so the same request always answers the same
/// bytes: parallel resolvers report errors in the order they happen to finish. Errors without a path (none come from
/// execution itself) keep their place first.
/// </summary>
public sealed class OrderedParallelExecutionStrategy : ParallelExecutionStrategy
{
    public override async Task<ExecutionResult> ExecuteAsync(global::GraphQL.Execution.ExecutionContext context)
    {
        var result = await base.ExecuteAsync(context).ConfigureAwait(false);
        if (result.Errors is { Count: > 1 } errors)
        {
            // A stable sort: errors of one field keep the order the field reported them in.
            var ordered = new ExecutionErrors();
            ordered.AddRange(errors.OrderBy(e => e.Path, PathOrder.Instance));
            result.Errors = ordered;
        }
        return result;
    }

    /// <summary>Segment by segment: list indexes by number, field names ordinally, a path before its extensions.</summary>
    private sealed class PathOrder : IComparer<IEnumerable<object>?>
    {
        public static readonly PathOrder Instance = new();

        public int Compare(IEnumerable<object>? x, IEnumerable<object>? y)
        {
            if (x is null || y is null)
                return x is null ? (y is null ? 0 : -1) : 1;
            using var left = x.GetEnumerator();
            using var right = y.GetEnumerator();
            while (true)
            {
                var hasLeft = left.MoveNext();
                var hasRight = right.MoveNext();
                if (!hasLeft || !hasRight)
                    return hasLeft.CompareTo(hasRight);
                var order = (left.Current, right.Current) switch
                {
                    (int a, int b) => a.CompareTo(b),
                    (int, _) => -1,
                    (_, int) => 1,
                    var (a, b) => string.CompareOrdinal(a?.ToString(), b?.ToString()),
                };
                if (order != 0)
                    return order;
            }
        }
    }
}
