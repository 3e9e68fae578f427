using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Settings;

namespace ActorSync.GraphQL.Composition;

/// <summary>Logs what this instance runs against, once, as it starts: the first line to read when a deploy misbehaves.</summary>
internal sealed class StartupSummary(ActorSyncSettings settings, ILoggerFactory loggers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        loggers.CreateLogger("ActorSync").LogInformation("{Summary}", settings.Summary(HealthEndpoints.Version));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
