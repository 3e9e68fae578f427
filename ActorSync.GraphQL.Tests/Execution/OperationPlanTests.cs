using ActorSync.GraphQL.Execution;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Execution;

/// <summary>
/// The direct path plans an operation once and binds each request's variables to that plan; it sits inside GraphQL.NET's
/// own execution pipeline, so what it cannot reproduce turns it off.
/// </summary>
public sealed class OperationPlanTests : BothPathsTestBase
{
    private static CachedOperation Record(ApiFactory api, string query) =>
        api.Services.GetRequiredService<OperationCache>().TryGet(query)!.Operation("\0")!;

    [Fact]
    public async Task One_plan_serves_every_set_of_variables_of_an_operation()
    {
        const string query = "query($id: Int!, $size: ProfileImageSize = W185) { actor(tmdbId: $id) { name profileUrl(size: $size) knownFor(first: 2) { title } } }";
        var direct = new GraphQLClient(Direct.CreateClient());
        var engine = new GraphQLClient(Engine.CreateClient());
        await direct.DataAsync(query, new { id = 287 });
        await direct.DataAsync(query, new { id = 819 });
        var plan = Record(Direct, query).Plan;
        Assert.NotNull(plan);
        var answers = Direct.Services.GetRequiredService<DirectExecution>().Answers;

        var sets = new object[] { new { id = 1283 }, new { id = 6384, size = "W45" }, new { id = 2975, size = "ORIGINAL" }, new { id = 530 }, new { id = 287, size = "H632" } };
        foreach (var variables in sets)
        {
            var expected = (await engine.PostAsync(query, variables)).Body;
            // The first time, an actor's data may have to be loaded (the direct path then leaves the request to GraphQL.NET).
            Assert.Equal(expected, (await direct.PostAsync(query, variables)).Body);
            Assert.Equal(expected, (await direct.PostAsync(query, variables)).Body);
        }

        Assert.Same(plan, Record(Direct, query).Plan);
        Assert.Equal(1, plan!.Variants);
        Assert.InRange(Direct.Services.GetRequiredService<DirectExecution>().Answers, answers + sets.Length, answers + 2 * sets.Length);
        Assert.Equal(2, plan.BoundFieldCount);
    }

    [Fact]
    public async Task Variable_conditions_get_one_field_tree_per_combination_requests_use()
    {
        const string query = """
            query($id: Int!, $bio: Boolean!, $noCredits: Boolean!) {
              actor(tmdbId: $id) { biography @include(if: $bio) name ...Credits @skip(if: $noCredits) biography }
            }
            fragment Credits on Actor { credits { order } name }
            """;
        var direct = new GraphQLClient(Direct.CreateClient());
        var engine = new GraphQLClient(Engine.CreateClient());
        await direct.DataAsync(query, new { id = 287, bio = true, noCredits = true });
        var combinations = new[] { (true, true), (false, true), (true, false), (false, false), (false, true) };
        for (var round = 0; round < 2; round++)
        {
            foreach (var (bio, noCredits) in combinations)
            {
                var variables = new { id = 819, bio, noCredits };
                Assert.Equal((await engine.PostAsync(query, variables)).Body, (await direct.PostAsync(query, variables)).Body);
            }
        }

        Assert.Equal(4, Record(Direct, query).Plan!.Variants);
        Assert.True(Direct.Services.GetRequiredService<DirectExecution>().Answers >= 2 * combinations.Length - 1);
    }

    [Fact]
    public async Task A_request_that_falls_back_after_its_variables_were_validated_is_not_validated_again()
    {
        var rule = new CountingRule();
        await using var api = new ApiFactory().With("Caching:ResultCache", "false")
            .WithServices(services => services.AddGraphQL(graphql => graphql.AddValidationRule(rule)));
        const string query = "query($id: Int!) { compareActors(tmdbIds: [287, $id]) { actors { name } } }";
        var client = new GraphQLClient(api.CreateClient());
        await client.DataAsync(query, new { id = 819 });
        var direct = api.Services.GetRequiredService<DirectExecution>();
        var (validations, fallbacks) = (rule.Runs, direct.Fallbacks);

        // Unknown actors: each a new set of variables, validated once by the direct path, answered with its error by GraphQL.NET.
        for (var id = 999_999_990; id < 999_999_995; id++)
            Assert.Equal("ACTOR_NOT_FOUND", (await client.PostAsync(query, new { id })).FirstCode);

        Assert.Equal(validations + 5, rule.Runs);
        Assert.Equal(fallbacks + 5, direct.Fallbacks);
    }

    [Fact]
    public async Task A_document_listener_it_does_not_reproduce_turns_it_off_with_a_warning()
    {
        await using var api = new ApiFactory().With("Caching:ResultCache", "false")
            .WithServices(services => services.AddGraphQL(graphql => graphql.AddDocumentListener<ExtensionsListener>()));
        const string query = "query($id: Int!) { actor(tmdbId: $id) { name } }";
        var client = new GraphQLClient(api.CreateClient());

        for (var i = 0; i < 3; i++)
            Assert.Equal("yes", (await client.PostAsync(query, new { id = 287 })).Json!["extensions"]!["listened"]!.GetValue<string>());

        Assert.Equal(0, api.Services.GetRequiredService<DirectExecution>().Answers);
        Assert.Contains(nameof(ExtensionsListener), api.Services.GetRequiredService<DirectExecutionSupport>().Reason);
        Assert.Single(api.Logs.Lines, line => line.Contains("direct execution path is off") && line.Contains(nameof(ExtensionsListener)));
    }

    [Fact]
    public void An_operation_with_more_variable_conditions_than_it_plans_is_left_to_GraphQL_NET()
    {
        var schema = Direct.Services.GetRequiredService<ActorSync.GraphQL.Schema.ActorSyncSchema>();
        var fields = string.Join(" ", Enumerable.Range(0, OperationPlan.MaxConditions + 1).Select(i => $"f{i}: __typename @include(if: $c)"));
        var document = GraphQLParser.Parser.Parse($"query($c: Boolean!) {{ {fields} }}");
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();

        Assert.Null(OperationPlan.TryCreate(schema, document, operation, new ValidationResult()));
    }

    private sealed class CountingRule : ValidationRuleBase
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            Interlocked.Increment(ref _runs);
            return default;
        }
    }

    /// <summary>Writes to the answer's extensions, which the direct path's bytes would not hold.</summary>
    private sealed class ExtensionsListener : DocumentExecutionListenerBase
    {
        public override Task AfterExecutionAsync(IExecutionContext context)
        {
            context.OutputExtensions["listened"] = "yes";
            return Task.CompletedTask;
        }
    }
}
