using System.Text.Json.Nodes;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Health;

public sealed class SimpleHealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Simple_health_answers_healthy_with_the_version()
    {
        var response = await factory.CreateClient().GetAsync("/health/simple");
        Assert.Equal(200, (int)response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("healthy", json["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["version"]!.GetValue<string>()));
    }
}
