using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ActorSync.GraphQL.WebApp;

/// <summary>Picks the precompressed variant of a file (<c>.br</c>, then <c>.gz</c>) that the client accepts.</summary>
public static class Precompressed
{
    private static readonly (string Encoding, string Extension)[] Variants = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>The file to send and its Content-Encoding (null: the file itself, unencoded).</summary>
    public static (string File, string? Encoding) Choose(StringValues acceptEncoding, string path)
    {
        if (StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            foreach (var (encoding, extension) in Variants)
            {
                if (Accepts(accepted, encoding) && File.Exists(path + extension))
                    return (path + extension, encoding);
            }
        }
        return (path, null);
    }

    /// <summary>Named with a quality above zero, or covered by "*" and not refused by name.</summary>
    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        var named = accepted.FirstOrDefault(value => value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
            return named.Quality is not 0;
        var any = accepted.FirstOrDefault(value => value.Value.Equals("*", StringComparison.Ordinal));
        return any is not null && any.Quality is not 0;
    }
}
