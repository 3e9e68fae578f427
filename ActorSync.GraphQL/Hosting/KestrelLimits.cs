using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Hosting;

/// <summary>
/// Kestrel's limits from configuration (<c>Kestrel:Limits</c>, e.g. <c>Kestrel__Limits__RequestHeadersTimeout</c>):
/// how long request headers may take to arrive, keep-alive, connection counts. Unset, Kestrel's defaults stand
/// (headers within 30 s; a body at 240 bytes/s after a 5 s grace).
/// </summary>
internal sealed class KestrelLimits(IConfiguration configuration) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options) => configuration.GetSection("Kestrel:Limits").Bind(options.Limits);
}
