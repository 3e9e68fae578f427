using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class ObservabilityExtensionsTests
{
    [Theory]
    [InlineData("Production", "json")]
    [InlineData("Testing", "simple")]
    [InlineData("Development", "simple")]
    public async Task Production_logs_json_to_the_console_and_other_environments_plain_text(string environment, string formatter)
    {
        await using var factory = new ApiFactory { Environment = environment };
        factory.CreateClient();

        Assert.Equal(formatter, factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }
}
