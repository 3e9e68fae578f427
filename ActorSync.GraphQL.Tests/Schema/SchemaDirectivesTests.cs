using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Tests.Schema;

/// <summary>
/// The SDL publishes the cost model (IBM's <c>@cost</c> and <c>@listSize</c>) and the cache hints (<c>@cacheControl</c>),
/// taken from the models the server runs on: a cost worked out by hand from the published numbers is the cost the
/// analysis reports.
/// </summary>
public sealed class SchemaDirectivesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<string> SdlAsync(ApiFactory api)
    {
        using var response = await api.CreateClient().GetAsync("/graphql?sdl");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Get_graphql_sdl_shows_the_cost_directives_and_the_cache_hints()
    {
        var sdl = await SdlAsync(factory);
        Assert.Contains("directive @cost(", sdl);
        Assert.Contains("directive @listSize(", sdl);
        Assert.Contains("directive @cacheControl(", sdl);
        Assert.Contains("tmdbIds: [Int!]!): [Actor]! @cacheControl(maxAge: 86400) @cost(weight: \"10\") @listSize(slicingArguments: [\"tmdbIds\"])", sdl);
        Assert.Contains("credits: [ActorCredit!]! @cacheControl(maxAge: 86400) @cost(weight: \"10\") @listSize(assumedSize: 50)", sdl);
    }

    [Fact]
    public async Task The_published_weights_sizes_and_max_ages_follow_the_settings()
    {
        await using var tuned = new ApiFactory()
            .With("QueryLimits:TmdbFieldCost", "7")
            .With("Caching:MovieTtl", "00:05:00");
        var sdl = await SdlAsync(tuned);
        Assert.Contains("tmdbId: Int!): Movie @cacheControl(maxAge: 300) @cost(weight: \"7\")", sdl);
        Assert.Contains("timeline: [TimelineYear!]! @cacheControl(maxAge: 86400) @cost(weight: \"7\") @listSize(assumedSize: 30)", sdl);
    }

    public static TheoryData<string, string?> Documents() => new()
    {
        { "{ actor(tmdbId: 287) { name gender } }", null },
        { "{ actor(tmdbId: 287) { credits { character movie { title runtime } } } }", null },
        { "{ actor(tmdbId: 287) { timeline { year credits { movie { title } } } knownFor { title } } }", null },
        { "{ actor(tmdbId: 287) { collaborators(first: 4) { count actor { name } movies { title } } } }", null },
        { "{ actors(tmdbIds: [1, 2, 3]) { name biography } }", null },
        { "{ movies(tmdbIds: [550, 13]) { title cast(first: 5) { order actor { name } } } }", null },
        { "{ movie(tmdbId: 550) { cast { character actor { name } } genres } }", null },
        { "{ searchActors(query: \"tom\", first: 5) { totalCount nodes { name } edges { cursor node { tmdbId } } } }", null },
        { "{ searchMovies(query: \"alien\", first: 25) { nodes { title } } }", null },
        { "{ searchMovies(query: \"alien\") { pageInfo { hasNextPage } nodes { title } } }", null },
        { "{ compareActors(tmdbIds: [287, 819]) { actors { name } sharedMovies { movie { title } roles { character } } timeline { year entries { shared movie { title } } } } }", null },
        { "{ compareMovies(tmdbIds: [550, 13, 680]) { movies { title } sharedCast { actor { name } roles { character } } } }", null },
        { "{ actorPath(fromTmdbId: 287, toTmdbId: 819) { degrees steps { from { name } movie { title } to { name } } } }", null },
        { "query($n: Int) { actor(tmdbId: 287) { knownFor(first: $n) { title } } }", """{"n": 7}""" },
        { "query($ids: [Int!]!) { compareActors(tmdbIds: $ids) { sharedMovies { movie { ...m } } } } fragment m on Movie { title cast(first: 2) { order } }", """{"ids": [287, 819, 1245]}""" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_cost_worked_out_from_the_published_sdl_is_the_cost_the_analysis_reports(string query, string? variables)
    {
        var vars = variables is null ? null : JsonNode.Parse(variables)!.AsObject();
        var byHand = new SdlCost(Parser.Parse(await SdlAsync(factory)), Parser.Parse(query), vars).Total();
        var reported = await CostProbe.CostAsync(factory.CreateClient(), query, vars);
        Assert.Equal(byHand, reported);
    }

    [Fact]
    public async Task Introspection_lists_only_the_executable_directives_so_ides_see_the_schema_as_before()
    {
        var data = await new GraphQLClient(factory.CreateClient()).DataAsync("{ __schema { directives { name } } }");
        var names = data["__schema"]!["directives"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        // GraphQL.NET leaves type-system directives out of introspection: the cost directives show in the SDL only.
        Assert.Equal(["deprecated", "include", "skip"], names);
    }

    /// <summary>
    /// The IBM reading of the SDL's numbers, as the directives' descriptions state it: a field costs its <c>@cost</c>
    /// weight (else 1 for an object, 0 for a scalar), once per id of an id list and once per 20-result page of a search,
    /// times the sizes of the lists around it; a <c>@listSize</c> field's size is its slicing argument (a list's length,
    /// the argument's default when absent) or its assumed size.
    /// </summary>
    private sealed class SdlCost(GraphQLDocument sdl, GraphQLDocument document, JsonObject? variables)
    {
        private readonly Dictionary<string, ASTNode> _types = sdl.Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue, t => (ASTNode)t);

        public double Total() => Selections(document.Definitions.OfType<GraphQLOperationDefinition>().Single().SelectionSet, "Query", 1);

        private double Selections(GraphQLSelectionSet set, string typeName, double multiplier)
        {
            double total = 0;
            foreach (var selection in set.Selections)
            {
                total += selection switch
                {
                    GraphQLField field => Field(field, typeName, multiplier),
                    GraphQLFragmentSpread spread => Fragment(document.Definitions.OfType<GraphQLFragmentDefinition>().Single(f => f.FragmentName.Name == spread.FragmentName.Name), multiplier),
                    _ => throw new NotSupportedException(selection.Kind.ToString()),
                };
            }
            return total;
        }

        private double Fragment(GraphQLFragmentDefinition fragment, double multiplier) =>
            Selections(fragment.SelectionSet, fragment.TypeCondition.Type.Name.StringValue, multiplier);

        private double Field(GraphQLField field, string typeName, double multiplier)
        {
            var definition = ((IHasFieldsDefinitionNode)_types[typeName]).Fields!.Items.Single(f => f.Name == field.Name);
            var named = NamedType(definition.Type);
            var weight = Directive(definition, "cost") is { } cost
                ? double.Parse(((GraphQLStringValue)Argument(cost, "weight")!).Value.ToString(), CultureInfo.InvariantCulture)
                : _types.TryGetValue(named, out var type) && type is GraphQLObjectTypeDefinition or GraphQLInterfaceTypeDefinition or GraphQLUnionTypeDefinition ? 1 : 0;
            foreach (var ids in new[] { "tmdbIds", "ids" })
            {
                if (Value(field, definition, ids) is JsonArray list)
                    weight *= list.Count;
            }
            var size = 1.0;
            if (Directive(definition, "listSize") is { } listSize)
            {
                var slicing = (Argument(listSize, "slicingArguments") as GraphQLListValue)?.Values?.Cast<GraphQLStringValue>().Select(v => v.Value.ToString()).SingleOrDefault();
                size = (slicing is null ? null : Value(field, definition, slicing)) switch
                {
                    JsonArray list => list.Count,
                    JsonValue value => value.GetValue<int>(),
                    _ => int.Parse(((GraphQLIntValue)Argument(listSize, "assumedSize")!).Value.ToString(), CultureInfo.InvariantCulture),
                };
            }
            if (named.EndsWith("Connection", StringComparison.Ordinal))
                weight *= 1 + (int)size / 20;
            var own = weight * multiplier;
            return field.SelectionSet is null ? own : own + Selections(field.SelectionSet, named, multiplier * size);
        }

        /// <summary>The argument's value in the query (a literal or a variable), else its default in the SDL.</summary>
        private JsonNode? Value(GraphQLField field, GraphQLFieldDefinition definition, string name)
        {
            var given = field.Arguments?.Items.SingleOrDefault(a => a.Name.StringValue == name)?.Value
                ?? definition.Arguments?.Items.SingleOrDefault(a => a.Name.StringValue == name)?.DefaultValue;
            return given switch
            {
                null or GraphQLNullValue => null,
                GraphQLVariable variable => variables?[variable.Name.StringValue]?.DeepClone(),
                GraphQLIntValue i => JsonValue.Create(int.Parse(i.Value.ToString(), CultureInfo.InvariantCulture)),
                GraphQLListValue list => new JsonArray(list.Values!.Select(_ => (JsonNode?)JsonValue.Create(0)).ToArray()),
                _ => JsonValue.Create(given.ToString()),
            };
        }

        private static GraphQLDirective? Directive(GraphQLFieldDefinition definition, string name) =>
            definition.Directives?.Items.SingleOrDefault(d => d.Name.StringValue == name);

        private static GraphQLValue? Argument(GraphQLDirective directive, string name) =>
            directive.Arguments?.Items.SingleOrDefault(a => a.Name.StringValue == name)?.Value;

        private static string NamedType(GraphQLType type) => type switch
        {
            GraphQLNonNullType nonNull => NamedType(nonNull.Type),
            GraphQLListType list => NamedType(list.Type),
            GraphQLNamedType named => named.Name.StringValue,
            _ => throw new NotSupportedException(),
        };
    }
}
