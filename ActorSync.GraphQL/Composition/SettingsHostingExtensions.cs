namespace ActorSync.GraphQL.Composition;

public static class SettingsHostingExtensions
{
    /// <summary>
    /// Registers every configuration section's typed options (with their rules, checked again as the host starts) and
    /// a one-line summary of the mode logged at start-up. Program runs <see cref="SettingsCheck"/> first, so the
    /// options hold no bad value.
    /// </summary>
    public static WebApplicationBuilder AddActorSyncSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddActorSyncOptions(builder.Configuration);
        builder.Services.AddHostedService<StartupSummary>();
        return builder;
    }
}
