using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>What the served cost model makes of a query: <c>GraphQL-Cost: validate</c> measures it without executing.</summary>
public static class CostProbe
{
    public static async Task<double> CostAsync(HttpClient http, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.TryAddWithoutValidation("GraphQL-Cost", "validate");
        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["extensions"]?["cost"]?["cost"]?.GetValue<double>()
            ?? throw new InvalidOperationException($"No cost reported for {query}: {json.ToJsonString()}");
    }
}
