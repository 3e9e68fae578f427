using ActorSync.GraphQL.Execution;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Pipeline;
using ActorSync.GraphQL.Tests.Infrastructure;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Kernel;

/// <summary>
/// The one byte budget of what clients send (<see cref="RequestCacheBudget"/>): documents, per-variables records, raw
/// JSON values and automatic persisted queries count against it, so a flood of distinct large requests stays bounded.
/// </summary>
public sealed class RequestCacheBudgetTests
{
    /// <summary>A valid document of about <paramref name="length"/> characters, distinct per <paramref name="i"/> (comments pad it).</summary>
    private static string PaddedDocument(int i, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length - 100)
            text.Append("# ").Append(i).Append(' ').Append('c', 200).Append('\n');
        return text.Append("query Padded").Append(i).Append(" { __typename }").ToString();
    }

    /// <summary>Declares a padding variable the operation uses in a field it skips, so any length of it is valid.</summary>
    private const string WithPadding = "query Padded($id: Int!, $pad: ID!) { actor(tmdbId: $id) { name } padding: node(id: $pad) @skip(if: true) { id } }";

    [Fact]
    public void Many_big_documents_keep_the_total_under_the_budget()
    {
        using var cache = new OperationCache(budgetBytes: 1 << 20);
        for (var i = 0; i < 200; i++)
        {
            var query = PaddedDocument(i, 5_000);
            cache.Add(query, Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments }));
            Assert.InRange(cache.Budget.UsedBytes, 0, cache.Budget.LimitBytes);
        }

        // 200 documents counted at about 111 KB each would be 22 MB.
        Assert.InRange(cache.Budget.Entries, 1, (1 << 20) / OperationCache.DocumentBytes(PaddedDocument(0, 5_000)));
    }

    [Fact]
    public void A_document_larger_than_the_budget_gets_an_entry_for_its_request_but_is_not_kept()
    {
        using var cache = new OperationCache(budgetBytes: 64 * 1024);
        var query = PaddedDocument(1, 10_000);
        var entry = cache.Add(query, Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments }));

        Assert.NotNull(entry.Document);
        Assert.Null(cache.TryGet(query));
        Assert.Equal(0, cache.Budget.UsedBytes);
    }

    [Fact]
    public void The_least_recently_used_entries_go_first_whatever_cache_they_belong_to()
    {
        using var budget = new RequestCacheBudget(1_000);
        Assert.True(budget.Keep("a", "document a", 300));
        Assert.True(budget.Keep("b", "document b", 300));
        Assert.True(budget.Keep("c", "document c", 300));
        budget.Touch("a");

        // Full: refused (and compacted in the background); one entry in three goes, the least recently used.
        Assert.False(budget.Keep("d", "document d", 300));
        budget.Compact(0.34);

        Assert.True(budget.TryGet("a", out string? _));
        Assert.False(budget.TryGet("b", out string? _));
        Assert.True(budget.TryGet("c", out string? _));
    }

    [Fact]
    public void A_record_of_small_variables_is_charged_and_leaves_with_its_document()
    {
        using var cache = new OperationCache(budgetBytes: 1 << 20);
        var entry = cache.Add("{ __typename }", Parser.Parse("{ __typename }"));
        var operation = entry.Remember("\0", entry.Document.Definitions.OfType<GraphQLOperationDefinition>().Single());
        var documentOnly = cache.Budget.UsedBytes;

        operation.Variables("{\"f\":1}")!.ResultKey = "key";
        Assert.Equal("key", operation.Variables("{\"f\":1}")!.ResultKey);
        Assert.Equal(1, entry.RememberedVariables);
        Assert.True(cache.Budget.UsedBytes > documentOnly);

        entry.Forget();
        Assert.Equal(0, entry.RememberedVariables);
        Assert.Equal(documentOnly, cache.Budget.UsedBytes);
    }

    [Fact]
    public void Variables_over_the_size_limit_get_no_record()
    {
        using var cache = new OperationCache(new RequestCacheBudget(1 << 20), maxRememberedVariablesChars: 100);
        var entry = cache.Add("{ __typename }", Parser.Parse("{ __typename }"));
        var operation = entry.Remember("\0", entry.Document.Definitions.OfType<GraphQLOperationDefinition>().Single());
        var large = "{\"pad\":\"" + new string('p', 200) + "\"}";

        Assert.Null(operation.Variables(large));
        Assert.NotNull(operation.Variables("{\"pad\":\"p\"}"));
        Assert.Equal(1, entry.RememberedVariables);
    }

    [Fact]
    public async Task Large_variables_are_answered_correctly_every_time_but_not_remembered()
    {
        await using var factory = new ApiFactory().With("Caching:ResultCache", "false");
        var client = new GraphQLClient(factory.CreateClient());
        var cache = factory.Services.GetRequiredService<OperationCache>();

        foreach (var (id, name) in new[] { (287, "Brad Pitt"), (287, "Brad Pitt"), (819, "Edward Norton") })
        {
            var data = await client.DataAsync(WithPadding, new { id, pad = new string('p', 3_000) });
            Assert.Equal(name, data["actor"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(0, cache.TryGet(WithPadding)!.RememberedVariables);
    }

    [Fact]
    public async Task Repeated_small_variables_are_still_remembered_and_answered_by_the_direct_path()
    {
        await using var factory = new ApiFactory().With("Caching:ResultCache", "false");
        var client = new GraphQLClient(factory.CreateClient());
        var cache = factory.Services.GetRequiredService<OperationCache>();

        for (var i = 0; i < 4; i++)
            Assert.Equal("Brad Pitt", (await client.DataAsync(WithPadding, new { id = 287, pad = "short" }))["actor"]!["name"]!.GetValue<string>());

        Assert.Equal(1, cache.TryGet(WithPadding)!.RememberedVariables);
        var health = JsonNode.Parse(await client.Http.GetStringAsync("/health/complete"))!;
        Assert.True(health["checks"]!["app"]!["documentCache"]!["directAnswers"]!.GetValue<long>() >= 2);
    }

    [Fact]
    public async Task A_document_larger_than_the_whole_budget_is_answered_without_being_kept()
    {
        await using var factory = new ApiFactory().With("GraphQLHttp:RequestCacheBudgetMb", "1");
        var client = new GraphQLClient(factory.CreateClient());
        var cache = factory.Services.GetRequiredService<OperationCache>();
        var query = PaddedDocument(7, 50_000);

        for (var i = 0; i < 2; i++)
            Assert.Equal("Query", (await client.DataAsync(query))["__typename"]!.GetValue<string>());

        Assert.Null(cache.TryGet(query));
        Assert.InRange(cache.Budget.UsedBytes, 0, cache.Budget.LimitBytes);
    }

    [Fact]
    public async Task A_flood_of_distinct_documents_and_variables_keeps_the_budget_under_its_limit()
    {
        await using var factory = new ApiFactory().With("GraphQLHttp:RequestCacheBudgetMb", "1").With("GraphQLHttp:MaxRememberedVariablesBytes", "100000");
        var client = new GraphQLClient(factory.CreateClient());
        var budget = factory.Services.GetRequiredService<RequestCacheBudget>();

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("Query", (await client.DataAsync(PaddedDocument(i, 20_000)))["__typename"]!.GetValue<string>());
            Assert.Equal("Brad Pitt", (await client.DataAsync(WithPadding, new { id = 287, pad = i + new string('p', 20_000) }))["actor"]!["name"]!.GetValue<string>());
            Assert.InRange(budget.UsedBytes, 0, budget.LimitBytes);
        }
    }
}
