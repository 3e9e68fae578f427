using ActorSync.GraphQL.Settings;

namespace ActorSync.GraphQL.Composition;

public static class SettingsHostingExtensions
{
    /// <summary>
    /// Registers the parsed view of the sections Render's variables set (<see cref="ActorSyncSettings"/>), every
    /// configuration section's typed options (with their rules, checked again as the host starts), and a one-line
    /// summary of the mode logged at start-up. Program
    /// runs <see cref="SettingsCheck"/> first: this throws <see cref="SettingsException"/> only when that was skipped.
    /// </summary>
    public static ActorSyncSettings AddActorSyncSettings(this WebApplicationBuilder builder)
    {
        var settings = ActorSyncSettings.Read(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddActorSyncOptions(builder.Configuration);
        builder.Services.AddHostedService<StartupSummary>();
        return settings;
    }
}
