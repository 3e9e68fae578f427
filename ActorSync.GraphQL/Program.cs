using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Composition;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Security;
using ActorSync.GraphQL.Settings;
using ActorSync.GraphQL.WebApp;

// The settings files are read once: reloading them on change would put a file watcher (and its thread) on every start
// for a reload nothing here uses, since every setting is checked once, before anything is configured.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
// Render's variables (TMDB_API_KEY, REDIS_URL, PORT…) become keys of their sections: past this line, only sections are read.
builder.Configuration.AddEnvironmentVariableMapping();

// Every setting is checked before anything is configured: bad ones end the start with one line and exit code 1.
if (SettingsCheck.Problems(builder.Configuration, builder.Environment) is { Count: > 0 } problems)
    return SettingsFailure.Exit(problems, builder.Environment);

// Every section becomes its typed options in the container. The few choices made while services are registered
// (which TMDB source, whether Redis, Sentry or OpenTelemetry at all) read the same sections, the same way, now.
builder.AddActorSyncSettings();
var configuration = builder.Configuration;
var tmdb = TmdbSettings.Read(configuration);
var redis = SettingsSections.Redis.Read(configuration);
builder.UseRenderPort(SettingsSections.Server.Read(configuration));
builder.AddActorSyncObservability(SettingsSections.ErrorTracking.Read(configuration), SettingsSections.OpenTelemetry.Read(configuration), tmdb, redis);
builder.Services.AddTmdb(tmdb);
builder.Services.AddActorSyncCaching(SettingsSections.Caching.Read(configuration), redis);
builder.Services.AddActorSyncHealth();
builder.Services.AddActorSyncHttpSecurity();
builder.Services.AddActorSyncGraphQL(configuration, builder.Environment);
builder.Services.AddActorSyncWebApp();
// Published as one ReadyToRun image: its pages a warm app no longer uses are given back to the kernel.
builder.Services.AddHostedService<ImagePages>();

var app = builder.Build();

app.UseActorSyncHttpSecurity();
app.UseActorSyncRequestLog();

app.MapActorSyncHealth();
app.MapActorSyncGraphQL();
app.MapBananaCakePop();
app.MapActorSyncWebApp();

return app.RunReportingBadSettings();

public partial class Program;
