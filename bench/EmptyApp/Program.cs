// The empty app of the cold-start figure: the host, Kestrel and routing, and one endpoint.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "ok");
app.Run();
