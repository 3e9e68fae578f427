using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.GraphQL.Tests.Infrastructure;

/// <summary>Posts GraphQL requests through the real HTTP pipeline and reads the JSON answer.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await Http.SendAsync(request);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>Posts and insists on an answer without errors; returns <c>data</c>.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        Assert.True(response.Errors is null, $"Unexpected errors: {response.Body}");
        Assert.Equal(200, response.Status);
        return response.Data!;
    }
}

public sealed record GraphQLResponse(int Status, string? ContentType, string Body, JsonNode? Json)
{
    public JsonNode? Data => Json?["data"];
    public JsonArray? Errors => Json?["errors"] as JsonArray;

    public string? FirstCode => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();

    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
        }
        return new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, json);
    }
}
