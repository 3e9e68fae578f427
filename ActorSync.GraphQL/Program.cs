using ActorSync.GraphQL.Caching;
using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Hosting;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Observability;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Security;
using ActorSync.GraphQL.Tmdb;

var builder = WebApplication.CreateBuilder(args);

var settings = builder.AddActorSyncSettings();
builder.UseRenderPort();
builder.AddActorSyncObservability(settings);
builder.Services.AddTmdb(builder.Configuration, settings);
builder.Services.AddActorSyncCaching(builder.Configuration, settings);
builder.Services.AddActorSyncHealth(builder.Configuration);
builder.Services.AddActorSyncHttpSecurity(settings);
builder.Services.AddActorSyncGraphQL(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseActorSyncHttpSecurity();
app.UseActorSyncRequestLog();

app.MapActorSyncHealth();
app.MapActorSyncGraphQL();
app.MapBananaCakePop();

app.Run();

public partial class Program;
