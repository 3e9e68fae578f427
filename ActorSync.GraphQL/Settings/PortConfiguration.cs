using System.Globalization;

namespace ActorSync.GraphQL.Settings;

public static class PortConfiguration
{
    /// <summary>
    /// Render (and similar hosts) pass the port in <c>PORT</c> (<c>Server:Port</c>): listen on 0.0.0.0:$PORT then. Without it,
    /// ASP.NET Core's own settings (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, launch profiles) apply as usual.
    /// </summary>
    public static WebApplicationBuilder UseRenderPort(this WebApplicationBuilder builder, ServerOptions server)
    {
        if (server.ListenPort is { } port)
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        return builder;
    }

    /// <summary>Reads a <c>PORT</c> value; a message naming the variable when it is not a TCP port number.</summary>
    public static int Parse(string port) =>
        int.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? number
            : throw new InvalidOperationException($"PORT must be a TCP port number (1 to 65535); got \"{port}\".");
}
