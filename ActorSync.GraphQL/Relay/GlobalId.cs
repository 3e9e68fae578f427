using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ActorSync.GraphQL.Relay;

/// <summary>Opaque Relay global ids: base64url of "Type:tmdbId" (e.g. "Actor:287").</summary>
public static class GlobalId
{
    public const string Actor = "Actor";
    public const string Movie = "Movie";

    public static string Encode(string type, int tmdbId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{type}:{tmdbId.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>False for anything this API did not issue.</summary>
    public static bool TryDecode(string? id, out string type, out int tmdbId)
    {
        type = "";
        tmdbId = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 64)
            return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':');
        if (colon <= 0)
            return false;
        type = text[..colon];
        var number = text[(colon + 1)..];
        return type is Actor or Movie
            && number.Length > 0 && number.All(char.IsAsciiDigit)
            && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out tmdbId);
    }
}
