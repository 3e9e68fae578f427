using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ActorSync.GraphQL.Http;

/// <summary>
/// Kestrel's limits from configuration (<c>Kestrel:Limits</c>, e.g. <c>Kestrel__Limits__RequestHeadersTimeout</c>):
/// how long request headers may take to arrive, keep-alive, connection counts. Unset, Kestrel's defaults stand
/// (headers within 30 s; a body at 240 bytes/s after a 5 s grace), but for the request line.
/// </summary>
internal sealed class KestrelLimits(IConfiguration configuration) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>
    /// A GET carries its document in the URL: the 64 KiB a document may have, percent-encoded (up to 3 bytes a
    /// character), plus its variables. Kestrel's 8 KiB default refused long but valid queries with an empty 414.
    /// </summary>
    public const int MaxGetQueryBytes = 256 * 1024;

    /// <summary>
    /// Kestrel's own bound, twice the query string GET takes: between the two the app answers with a JSON error that
    /// says to use POST; past it Kestrel closes with an empty 414 (it calls no application code for such a line).
    /// </summary>
    public const int MaxRequestLineBytes = 2 * MaxGetQueryBytes;

    public void Configure(KestrelServerOptions options)
    {
        options.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        configuration.GetSection("Kestrel:Limits").Bind(options.Limits);
    }
}
