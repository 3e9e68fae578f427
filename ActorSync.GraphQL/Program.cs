using ActorSync.GraphQL.Health;
using ActorSync.GraphQL.Hosting;
using ActorSync.GraphQL.Http;
using ActorSync.GraphQL.Schema;
using ActorSync.GraphQL.Tmdb;

var builder = WebApplication.CreateBuilder(args);

builder.UseRenderPort();
builder.Services.AddTmdb(builder.Configuration, builder.Environment);
builder.Services.AddActorSyncGraphQL(builder.Configuration, builder.Environment);

var app = builder.Build();

app.MapActorSyncHealth();
app.MapActorSyncGraphQL();
app.MapBananaCakePop();

app.Run();

public partial class Program;
