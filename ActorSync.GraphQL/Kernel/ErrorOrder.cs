using GraphQL;

namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// Lists an answer's errors by path, so the same request always answers the same bytes: parallel resolvers report
/// errors in the order they happen to finish. Errors without a path (request errors) come first, in their order.
/// </summary>
public static class ErrorOrder
{
    public static void Sort(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 1 } errors)
            return;
        // A stable sort: the errors of one field keep the order the field reported them in.
        var ordered = new ExecutionErrors();
        ordered.AddRange(errors.OrderBy(e => e.Path, PathOrder.Instance));
        result.Errors = ordered;
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
