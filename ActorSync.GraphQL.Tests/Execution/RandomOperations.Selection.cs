using System.Text;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Tests.Execution;

public sealed partial class RandomOperations
{
    /// <summary>
    /// The selection set of one object (or interface) at one place in the answer. Response names are kept unique per
    /// place, so fields repeated by fragments merge (the same text) or get their own alias (other arguments).
    /// </summary>
    private sealed class Selection(RandomOperations owner, SchemaTypes.TypeInfo type, string path, int depth, double multiplier)
    {
        private readonly StringBuilder _text = new();

        /// <summary>The response names taken at this place (by every selection set and fragment that lands here), with the field each stands for.</summary>
        private readonly Dictionary<string, string> _names = owner.Place(path);

        public string Text => _text.ToString();

        /// <summary>The estimated cost of what was added, already multiplied by the lists around it.</summary>
        public double Cost { get; private set; }

        public void Add(string text, double cost)
        {
            _text.Append(text).Append(' ');
            Cost += cost;
        }

        public void AddRandomField()
        {
            var field = owner.Pick(type.Fields);
            var name = field.Name.StringValue;
            // Searching a path over the snapshot is slow work for a test: now and then only.
            if (name == "actorPath" && !owner.Chance(15))
                field = type.Fields.First(f => f.Name.StringValue == "actor");
            AddField(field);
            // The same field again under another alias, most often with other arguments.
            if (field.Arguments?.Items.Count > 0 && owner.Chance(20))
                AddField(field);
        }

        private void AddField(GraphQLFieldDefinition field)
        {
            var name = field.Name.StringValue;
            var weight = SchemaTypes.Weight(field);
            var arguments = new List<string>();
            var size = SchemaTypes.ListSize(field);
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                var required = argument.Type is GraphQLNonNullType;
                if (!required && !owner.Chance(50))
                    continue;
                var value = owner.Argument(name, argument, out var argumentSize);
                arguments.Add($"{argument.Name.StringValue}: {value}");
                if (argument.Name.StringValue is "first" or "tmdbIds" or "ids")
                    size = argumentSize;
            }
            var named = SchemaTypes.Named(field.Type);
            var isList = SchemaTypes.IsList(field.Type);
            var perItem = isList ? Math.Max(size, 1) : 1;
            // Weight per id or per TMDB page for the fields whose weight counts that way.
            var cost = weight * multiplier * (name is "actors" or "movies" or "nodes" ? perItem : 1);
            // A connection's window (first) sizes the edges and nodes below it.
            if (named.EndsWith("Connection", StringComparison.Ordinal))
                perItem = Math.Max(size, 1);
            if (Cost + cost > CostBudget)
                return;
            var text = name + (arguments.Count > 0 ? $"({string.Join(", ", arguments)})" : "");
            var responseName = name;
            if (_names.TryGetValue(responseName, out var taken) && taken != text || arguments.Count > 0 && owner.Chance(25))
                responseName = owner.NewName(name[..1]);
            var alias = responseName == name ? "" : responseName + ": ";
            _names[responseName] = text;
            var directive = owner.Directive();
            if (!Types.Value.Composites.TryGetValue(named, out var child))
            {
                Add($"{alias}{text}{directive}", cost);
                return;
            }
            if (depth >= 5)
                return;
            var inner = new Selection(owner, child, $"{path}/{responseName}", depth + 1, multiplier * perItem);
            inner.Fill();
            Add($"{alias}{text}{directive} {{ {inner.Text} }}", cost + inner.Cost);
        }

        /// <summary>Random fields of this type, through fragments now and then; at least one field.</summary>
        public void Fill()
        {
            var count = 1 + owner._random.Next(depth < 2 ? 5 : 3);
            if (type.IsInterface)
            {
                // Node: its own id, then what only each object type has, through inline fragments.
                Add(owner.Chance(60) ? "id" : "__typename", multiplier);
                foreach (var objectType in new[] { "Actor", "Movie" })
                {
                    if (!owner.Chance(70))
                        continue;
                    var inner = new Selection(owner, Types.Value.Objects[objectType], path, depth, multiplier);
                    inner.Fill();
                    Add($"... on {objectType}{owner.Directive()} {{ {inner.Text} }}", inner.Cost);
                }
                return;
            }
            for (var i = 0; i < count && Cost < CostBudget; i++)
            {
                switch (owner._random.Next(10))
                {
                    case 0 when owner._fragmentCount < 6:
                        NamedFragment();
                        break;
                    case 1:
                    {
                        var inner = new Selection(owner, type, path, depth, multiplier);
                        inner.AddRandomField();
                        if (inner.Text.Length == 0)
                            break;
                        var on = owner.Chance(50) ? $" on {type.Name}" : "";
                        Add($"...{on}{owner.Directive()} {{ {inner.Text} }}", inner.Cost);
                        break;
                    }
                    case 2:
                        Add("__typename", 0);
                        break;
                    default:
                        AddRandomField();
                        break;
                }
            }
            if (_text.Length == 0)
                Add("__typename", 0);
        }

        private void NamedFragment()
        {
            var name = owner.NewName("F");
            owner._fragmentCount++;
            var inner = new Selection(owner, type, path, depth, multiplier);
            inner.AddRandomField();
            inner.AddRandomField();
            if (inner.Text.Length == 0)
                inner.Add("__typename", 0);
            owner._fragments[name] = $"fragment {name} on {type.Name} {{ {inner.Text} }}";
            var spread = $"...{name}{owner.Directive()}";
            Add(spread, inner.Cost);
            // Spread twice now and then: the fields merge.
            if (owner.Chance(15))
                Add($"...{name}", 0);
        }
    }
}
