using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.GraphQL.Kernel;
using ActorSync.GraphQL.Persisted;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.GraphQL.Tests.Persisted;

public sealed class PersistedOperationsTests
{
    private static string CompareActors => File.ReadAllText(RepositoryRoot.Combine("ActorSync.GraphQL", new PersistedOperationsOptions().Folder, "compare-actors.graphql"));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<(HttpStatusCode Status, JsonNode Json, HttpResponseMessage Response)> PostAsync(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/graphql", body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }

    [Fact]
    public async Task The_folder_registers_each_document_under_its_sha256()
    {
        await using var factory = new ApiFactory();
        var registered = factory.Services.GetRequiredService<PersistedOperations>().Registered;
        Assert.Contains("sha256:" + Sha256(CompareActors), registered.Keys);
        Assert.True(registered.Count >= 3);
    }

    [Fact]
    public async Task A_registered_id_answers_like_the_document_itself_by_post_and_by_cacheable_get()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        var id = "sha256:" + Sha256(CompareActors);
        var variables = new { ids = new[] { 287, 819 } };

        var byQuery = await PostAsync(http, new { query = CompareActors, variables });
        var byId = await PostAsync(http, new { id, variables });
        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.Null(byId.Json["errors"]);
        Assert.Equal(byQuery.Json["data"]!.ToJsonString(), byId.Json["data"]!.ToJsonString());

        using var get = await http.GetAsync($"/graphql?id={id}&variables={Uri.EscapeDataString("{\"ids\":[287,819]}")}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.StartsWith("public, max-age=", get.Headers.CacheControl!.ToString());
        Assert.Equal(byQuery.Json["data"]!.ToJsonString(), JsonNode.Parse(await get.Content.ReadAsStringAsync())!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_id_is_persisted_query_not_found()
    {
        await using var factory = new ApiFactory();
        var (status, json, _) = await PostAsync(factory.CreateClient(), new { id = "sha256:" + new string('0', 64) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Automatic_persisted_queries_follow_the_apollo_protocol()
    {
        await using var factory = new ApiFactory();
        var http = factory.CreateClient();
        const string query = "{ actor(tmdbId: 287) { name } }";
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(query) } };

        var unknown = await PostAsync(http, new { extensions });
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", unknown.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var registered = await PostAsync(http, new { query, extensions });
        Assert.Equal("Brad Pitt", registered.Json["data"]!["actor"]!["name"]!.GetValue<string>());

        var byHash = await PostAsync(http, new { extensions });
        Assert.Equal("Brad Pitt", byHash.Json["data"]!["actor"]!["name"]!.GetValue<string>());

        var mismatch = await PostAsync(http, new { query = "{ actor(tmdbId: 819) { name } }", extensions });
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", mismatch.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_allow_list_mode_only_registered_operations_run()
    {
        await using var factory = new ApiFactory().With("PersistedOperations:OnlyPersisted", "true");
        var http = factory.CreateClient();

        var adHoc = await PostAsync(http, new { query = "{ actor(tmdbId: 287) { name } }" });
        Assert.Equal(HttpStatusCode.BadRequest, adHoc.Status);
        Assert.Equal("PERSISTED_QUERY_REQUIRED", adHoc.Json["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        const string query = "{ actor(tmdbId: 287) { name } }";
        var apq = await PostAsync(http, new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(query) } } });
        Assert.Equal(HttpStatusCode.BadRequest, apq.Status);

        var trusted = await PostAsync(http, new { id = "sha256:" + Sha256(CompareActors), variables = new { ids = new[] { 287, 819 } } });
        Assert.Equal(HttpStatusCode.OK, trusted.Status);
        Assert.NotNull(trusted.Json["data"]!["compareActors"]);
    }

    [Fact]
    public async Task Automatic_persisted_queries_held_in_memory_are_bounded_by_the_request_cache_budget()
    {
        await using var factory = new ApiFactory().With("GraphQLHttp:RequestCacheBudgetMb", "1");
        var http = factory.CreateClient();
        var budget = factory.Services.GetRequiredService<RequestCacheBudget>();

        for (var i = 0; i < 40; i++)
        {
            // About 40 KB each: counted with its parsed document, some 1 MB a registration.
            var query = string.Concat(Enumerable.Range(0, 200).Select(line => $"# {i} {line} {new string('c', 190)}\n")) + $"query Apq{i} {{ __typename }}";
            var registered = await PostAsync(http, new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(query) } } });
            Assert.Equal("Query", registered.Json["data"]!["__typename"]!.GetValue<string>());
            Assert.InRange(budget.UsedBytes, 0, budget.LimitBytes);
        }
        Assert.InRange(budget.Entries, 0, 39);
    }
}
