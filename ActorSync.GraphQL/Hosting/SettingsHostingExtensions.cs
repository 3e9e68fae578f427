namespace ActorSync.GraphQL.Hosting;

public static class SettingsHostingExtensions
{
    /// <summary>
    /// Reads and checks every setting before anything else is configured, so all bad values are reported in one
    /// start-up error; registers the result, and a one-line summary of the mode logged at start-up.
    /// </summary>
    public static ActorSyncSettings AddActorSyncSettings(this WebApplicationBuilder builder)
    {
        var settings = ActorSyncSettings.Read(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHostedService<StartupSummary>();
        return settings;
    }
}
