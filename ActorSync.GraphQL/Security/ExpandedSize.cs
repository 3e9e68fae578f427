using GraphQLParser.AST;

namespace ActorSync.GraphQL.Security;

/// <summary>
/// Measures a document as if its fragment spreads were replaced by the fragments' selections, without expanding
/// anything: each fragment's size is computed once, after the fragments it spreads (an explicit order, so a chain of
/// thousands of fragments uses no deep recursion), and a spread adds that size. Recursion is over one selection set's
/// nesting only, which the parser already bounds. Runs before validation, so it tolerates what validation refuses:
/// a fragment defined twice counts as its first definition, a spread of an unknown fragment or one in a cycle counts
/// nothing (validation reports both).
/// </summary>
internal sealed class ExpandedSize
{
    /// <summary>What a selection set (or fragment) amounts to once expanded.</summary>
    private record struct Size(long Fields, long Aliases, long Depth, long Directives, long Spreads);

    /// <summary>Thrown to stop the walk at the first limit passed (rare, and the walk can be deep in a selection set).</summary>
    internal sealed class LimitPassed(string measure, long value) : Exception
    {
        public string Measure { get; } = measure;

        public long Value { get; } = value;
    }

    private readonly QueryLimitsOptions _limits;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Size> _sizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _names = new(StringComparer.Ordinal);
    private HashSet<string> _spreadByAnother = [];
    private int _steps;
    private long _repeated;
    private Dictionary<string, int> _lastNames = [];

    private ExpandedSize(QueryLimitsOptions limits, CancellationToken cancellationToken)
    {
        _limits = limits;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Throws <see cref="LimitPassed"/> when the document's operations, expanded, pass a limit.</summary>
    public static void Measure(GraphQLDocument document, QueryLimitsOptions limits, CancellationToken cancellationToken)
    {
        var walk = new ExpandedSize(limits, cancellationToken);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
                walk._fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
        walk.SizeFragments();

        // Validation walks every operation, and fragments no operation spreads (to refuse them): all of it counts.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var total = new Size();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                var size = walk.Of(operation.SelectionSet);
                size.Directives += Count(operation.Directives);
                total = walk.Add(total, size);
                CollectSpreads(operation.SelectionSet, reached);
            }
            else if (definition is GraphQLFragmentDefinition fragment && !ReferenceEquals(walk._fragments[fragment.FragmentName.Name.StringValue], fragment))
            {
                // A second definition of a name: validation refuses the document but still walks it.
                total = walk.Add(total, walk.Of(fragment.SelectionSet));
            }
        }
        foreach (var (name, size) in walk._sizes)
        {
            if (!reached.Contains(name) && !walk.IsSpreadByAnother(name))
                total = walk.Add(total, size);
        }
    }

    /// <summary>
    /// Sizes every fragment, each after the fragments it spreads: a depth-first walk of the spread graph with an explicit
    /// stack. A spread back to a fragment still on the stack is a cycle: it adds nothing, and validation refuses it.
    /// </summary>
    private void SizeFragments()
    {
        var spreads = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, fragment) in _fragments)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            CollectSpreads(fragment.SelectionSet, names);
            spreads[name] = [.. names];
        }
        _spreadByAnother = new HashSet<string>(spreads.SelectMany(s => s.Value.Where(n => n != s.Key)), StringComparer.Ordinal);

        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(string Name, int Next)>();
        foreach (var start in _fragments.Keys)
        {
            if (_sizes.ContainsKey(start))
                continue;
            stack.Push((start, 0));
            onStack.Add(start);
            while (stack.Count > 0)
            {
                var (name, next) = stack.Pop();
                var children = spreads[name];
                if (next < children.Count)
                {
                    stack.Push((name, next + 1));
                    var child = children[next];
                    if (_fragments.ContainsKey(child) && !_sizes.ContainsKey(child) && onStack.Add(child))
                        stack.Push((child, 0));
                    continue;
                }
                // Everything it spreads is sized (or is unknown, or in a cycle through it): size it.
                var fragment = _fragments[name];
                var size = Of(fragment.SelectionSet);
                size.Directives += Count(fragment.Directives);
                Check(size);
                _sizes[name] = size;
                _names[name] = _lastNames;
                onStack.Remove(name);
            }
        }
    }

    private bool IsSpreadByAnother(string name) => _spreadByAnother.Contains(name);

    private Size Of(GraphQLSelectionSet? set)
    {
        var total = new Size();
        if (set is null)
            return total;
        if (++_steps % 256 == 0)
            _cancellationToken.ThrowIfCancellationRequested();
        foreach (var selection in set.Selections)
        {
            Size size;
            switch (selection)
            {
                case GraphQLField field:
                    var children = Of(field.SelectionSet);
                    size = children with
                    {
                        Fields = children.Fields + 1,
                        Aliases = children.Aliases + (field.Alias is null ? 0 : 1),
                        Depth = children.Depth + 1,
                        Directives = children.Directives + Count(field.Directives),
                    };
                    break;
                case GraphQLInlineFragment inline:
                    size = Of(inline.SelectionSet);
                    size.Directives += Count(inline.Directives);
                    break;
                case GraphQLFragmentSpread spread:
                    // Unknown, or in a cycle being sized: nothing (validation refuses the document).
                    size = _sizes.GetValueOrDefault(spread.FragmentName.Name.StringValue);
                    size.Directives += Count(spread.Directives);
                    size.Spreads++;
                    break;
                default:
                    continue;
            }
            total = Add(total, size);
        }
        // After the nested sets: the names of this set are what a fragment's sizing keeps.
        _lastNames = NamesOf(set);
        return total;
    }

    /// <summary>Sums two sizes (depth is the deeper) and stops the walk when the sum passes a limit.</summary>
    private Size Add(Size a, Size b)
    {
        var sum = new Size(a.Fields + b.Fields, a.Aliases + b.Aliases, Math.Max(a.Depth, b.Depth), a.Directives + b.Directives, a.Spreads + b.Spreads);
        Check(sum);
        return sum;
    }

    /// <summary>Every part is at most a limit before an addition, so sums stay far from overflowing.</summary>
    private void Check(Size size)
    {
        if (size.Fields > _limits.MaxFields)
            throw new LimitPassed("fields", size.Fields);
        if (size.Aliases > _limits.MaxAliases)
            throw new LimitPassed("aliases", size.Aliases);
        if (size.Depth > _limits.MaxDepth)
            throw new LimitPassed("depth", size.Depth);
        if (size.Directives > _limits.MaxDirectives)
            throw new LimitPassed("directives", size.Directives);
        if (size.Spreads > _limits.MaxFragmentSpreads)
            throw new LimitPassed("fragmentSpreads", size.Spreads);
    }

    /// <summary>
    /// How many fields answer under each response name at one level of a selection set, its inline fragments and the
    /// fragments it spreads merged in (memoized per fragment). GraphQL.NET's overlapping-fields rule compares every
    /// pair of them and reports every pair that conflicts (each error costs tens of microseconds), so the fields that
    /// repeat a name already answered at their level are counted over the document: with at most R of them, at most
    /// R²/2 pairs. Each selection set of the document is counted once, as the rule visits it.
    /// </summary>
    private Dictionary<string, int> NamesOf(GraphQLSelectionSet set)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string name, int count)
        {
            var before = names.GetValueOrDefault(name);
            names[name] = before + count;
            _repeated += before == 0 ? count - 1 : count;
            if (_repeated > _limits.MaxRepeatedFields)
                throw new LimitPassed("repeatedFields", _repeated);
        }
        void Collect(GraphQLSelectionSet current)
        {
            foreach (var selection in current.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Add((field.Alias?.Name ?? field.Name).StringValue, 1);
                        break;
                    case GraphQLInlineFragment inline:
                        Collect(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when _names.TryGetValue(spread.FragmentName.Name.StringValue, out var merged):
                        foreach (var (name, count) in merged)
                            Add(name, count);
                        break;
                }
            }
        }
        Collect(set);
        return names;
    }

    private static long Count(GraphQLDirectives? directives) => directives?.Items.Count ?? 0;

    /// <summary>The names of the fragments a selection set spreads (directly, at any nesting).</summary>
    private static void CollectSpreads(GraphQLSelectionSet? set, HashSet<string> names)
    {
        if (set is null)
            return;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    CollectSpreads(field.SelectionSet, names);
                    break;
                case GraphQLInlineFragment inline:
                    CollectSpreads(inline.SelectionSet, names);
                    break;
                case GraphQLFragmentSpread spread:
                    names.Add(spread.FragmentName.Name.StringValue);
                    break;
            }
        }
    }
}
