using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("ZiggyCreatures.Caching.Fusion")]
    public async Task Framework_request_lines_and_cache_chatter_are_left_out_below_warning(string category)
    {
        // One request line of our own replaces ASP.NET Core's four, and FusionCache's per-call lines are noise;
        // their warnings (Redis down, fail-safe) still show. Logging__LogLevel__… overrides it.
        await using var factory = new ApiFactory { Environment = "Production" };
        factory.CreateClient();

        var rule = factory.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules
            .Last(r => r.ProviderName is null && r.CategoryName == category);
        Assert.Equal(LogLevel.Warning, rule.LogLevel);
    }
}
