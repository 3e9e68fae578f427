using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Schema;

public sealed class SchemaSnapshotTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public const string RegenerateCommand = "ACTORSYNC_UPDATE_SCHEMA=1 dotnet test --filter FullyQualifiedName~SchemaSnapshotTests";

    private string ServedSdl() => SchemaSdl.Print(factory.Services.GetRequiredService<ActorSyncSchema>());

    [Fact]
    public void Schema_graphql_equals_the_served_schema()
    {
        var path = RepositoryRoot.Combine("schema.graphql");
        var served = ServedSdl();
        if (Environment.GetEnvironmentVariable("ACTORSYNC_UPDATE_SCHEMA") == "1")
            File.WriteAllText(path, served);

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(committed == served,
            $"schema.graphql differs from the served schema. Regenerate it with:\n  {RegenerateCommand}\nthen review the diff.");
    }

    [Fact]
    public void Served_schema_contains_every_type_field_argument_and_enum_value_of_the_contract()
    {
        var contract = Parser.Parse(File.ReadAllText(ContractPath()));
        var served = Parser.Parse(ServedSdl());
        var servedTypes = served.Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(t => t.Name.StringValue);
        var problems = new List<string>();

        foreach (var type in contract.Definitions.OfType<GraphQLTypeDefinition>())
        {
            var name = type.Name.StringValue;
            if (!servedTypes.TryGetValue(name, out var servedType))
            {
                problems.Add($"type {name} is missing");
                continue;
            }
            if (servedType.Kind != type.Kind)
            {
                problems.Add($"{name} is a {servedType.Kind}, the contract says {type.Kind}");
                continue;
            }
            switch (type)
            {
                case IHasFieldsDefinitionNode withFields:
                    var servedFields = ((IHasFieldsDefinitionNode)servedType).Fields?.Items.ToDictionary(f => f.Name.StringValue) ?? [];
                    foreach (var field in withFields.Fields?.Items ?? [])
                    {
                        var at = $"{name}.{field.Name.StringValue}";
                        if (!servedFields.TryGetValue(field.Name.StringValue, out var servedField))
                        {
                            problems.Add($"{at} is missing");
                            continue;
                        }
                        if (Print(servedField.Type) != Print(field.Type))
                            problems.Add($"{at} is {Print(servedField.Type)}, the contract says {Print(field.Type)}");
                        var servedArgs = servedField.Arguments?.Items.ToDictionary(a => a.Name.StringValue) ?? [];
                        foreach (var argument in field.Arguments?.Items ?? [])
                        {
                            if (!servedArgs.TryGetValue(argument.Name.StringValue, out var servedArg))
                                problems.Add($"{at}({argument.Name.StringValue}) is missing");
                            else if (Print(servedArg.Type) != Print(argument.Type))
                                problems.Add($"{at}({argument.Name.StringValue}) is {Print(servedArg.Type)}, the contract says {Print(argument.Type)}");
                            else if (argument.DefaultValue is not null && Print(servedArg.DefaultValue) != Print(argument.DefaultValue))
                                problems.Add($"{at}({argument.Name.StringValue}) defaults to {Print(servedArg.DefaultValue)}, the contract says {Print(argument.DefaultValue)}");
                        }
                        foreach (var extra in servedArgs.Values.Where(a => field.Arguments?.Items.Any(c => c.Name == a.Name) != true))
                        {
                            if (extra.Type is GraphQLNonNullType && extra.DefaultValue is null)
                                problems.Add($"{at}({extra.Name.StringValue}) is a new required argument, which breaks existing queries");
                        }
                    }
                    if (type is IHasInterfacesNode { Interfaces: { } interfaces })
                    {
                        var servedInterfaces = ((IHasInterfacesNode)servedType).Interfaces?.Items.Select(i => i.Name.StringValue).ToHashSet() ?? [];
                        foreach (var iface in interfaces.Items.Where(i => !servedInterfaces.Contains(i.Name.StringValue)))
                            problems.Add($"{name} does not implement {iface.Name.StringValue}");
                    }
                    break;
                case GraphQLEnumTypeDefinition enumType:
                    var servedValues = ((GraphQLEnumTypeDefinition)servedType).Values?.Items.Select(v => v.Name.StringValue).ToHashSet() ?? [];
                    foreach (var value in enumType.Values?.Items ?? [])
                    {
                        if (!servedValues.Contains(value.Name.StringValue))
                            problems.Add($"enum value {name}.{value.Name.StringValue} is missing");
                    }
                    break;
            }
        }

        Assert.True(problems.Count == 0, "The served schema breaks the contract:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Beyond_the_contract_the_served_schema_defines_the_cost_and_cache_directives()
    {
        // The contract is kept; the directives (definitions, and applied to fields) are additions the check above ignores.
        var contract = Parser.Parse(File.ReadAllText(ContractPath()));
        Assert.Empty(contract.Definitions.OfType<GraphQLDirectiveDefinition>());
        var served = Parser.Parse(ServedSdl());
        var directives = served.Definitions.OfType<GraphQLDirectiveDefinition>().Select(d => d.Name.StringValue).Order(StringComparer.Ordinal);
        Assert.Equal(["cacheControl", "cost", "listSize"], directives);
        Assert.Contains(served.Definitions.OfType<GraphQLEnumTypeDefinition>(), e => e.Name.StringValue == "CacheControlScope");
    }

    [Fact]
    public void Every_type_field_argument_and_enum_value_of_the_served_schema_has_a_description()
    {
        var served = Parser.Parse(ServedSdl());
        var missing = new List<string>();
        foreach (var type in served.Definitions.OfType<GraphQLTypeDefinition>())
        {
            var name = type.Name.StringValue;
            if (type.Description is null)
                missing.Add(name);
            foreach (var field in (type as IHasFieldsDefinitionNode)?.Fields?.Items ?? [])
            {
                if (field.Description is null)
                    missing.Add($"{name}.{field.Name.StringValue}");
                foreach (var argument in field.Arguments?.Items ?? [])
                {
                    if (argument.Description is null)
                        missing.Add($"{name}.{field.Name.StringValue}({argument.Name.StringValue})");
                }
            }
            foreach (var value in (type as GraphQLEnumTypeDefinition)?.Values?.Items ?? [])
            {
                if (value.Description is null)
                    missing.Add($"{name}.{value.Name.StringValue}");
            }
        }
        Assert.True(missing.Count == 0, "No description: " + string.Join(", ", missing));
    }

    /// <summary>The repository keeps a copy of the team's contract, so the check also runs where shared/ is absent (GitHub Actions).</summary>
    private static string ContractPath() => RepositoryRoot.Combine("docs", "schema-contract.graphql");

    [Fact]
    public void The_repository_copy_of_the_contract_equals_the_shared_one_when_it_is_there()
    {
        var shared = Path.Combine(RepositoryRoot.Path, "..", "shared", "docs", "schema-contract.graphql");
        if (!File.Exists(shared))
        {
            Assert.NotEqual("true", Environment.GetEnvironmentVariable("ACTORSYNC_REQUIRE_SHARED"));
            return;
        }
        Assert.True(File.ReadAllText(shared) == File.ReadAllText(ContractPath()),
            "docs/schema-contract.graphql differs from ../shared/docs/schema-contract.graphql: copy the shared contract into docs/.");
    }

    private static string Print(ASTNode? node)
    {
        if (node is null)
            return "";
        using var writer = new StringWriter();
        new SDLPrinter().PrintAsync(node, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }
}
