using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Tests.Observability;

public sealed class ObservabilityExtensionsTests
{
    [Theory]
    [InlineData("Production", typeof(JsonLinesLoggerProvider), typeof(ConsoleLoggerProvider))]
    [InlineData("Testing", typeof(ConsoleLoggerProvider), typeof(JsonLinesLoggerProvider))]
    [InlineData("Development", typeof(ConsoleLoggerProvider), typeof(JsonLinesLoggerProvider))]
    public async Task Production_logs_json_lines_and_other_environments_plain_console_text(string environment, Type used, Type absent)
    {
        await using var factory = new ApiFactory { Environment = environment };
        factory.CreateClient();

        var providers = factory.Services.GetServices<ILoggerProvider>().Select(p => p.GetType()).ToArray();
        Assert.Contains(used, providers);
        Assert.DoesNotContain(absent, providers);
        if (used == typeof(ConsoleLoggerProvider))
            Assert.Equal("simple", factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
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
