using System.Globalization;
using System.Text;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// Folds text for offline search: case- and accent-insensitive, apostrophes dropped ("O'Brien" = "obrien"),
/// split into words of letters and digits.
/// </summary>
internal static class SearchText
{
    public static string[] Words(string? text) => Words(text, CanonicalDecompositions.Decompose);

    /// <summary>The words of <paramref name="text"/> with another canonical decomposition (the tests pass ICU's, as the oracle).</summary>
    internal static string[] Words(string? text, Func<string, string> decompose)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        var decomposed = decompose(text);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019' or '\u02BC')
                continue;
            var expansion = c switch
            {
                'ß' => "ss",
                'æ' or 'Æ' => "ae",
                'œ' or 'Œ' => "oe",
                'ø' or 'Ø' => "o",
                'ł' or 'Ł' => "l",
                'đ' or 'Đ' => "d",
                'ı' => "i",
                _ => null,
            };
            if (expansion is not null)
                folded.Append(expansion);
            else
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>True when every query word starts some word of the name (its words joined by single spaces).</summary>
    public static bool Matches(string[] queryWords, string nameWords)
    {
        foreach (var q in queryWords)
        {
            if (!StartsSomeWord(q, nameWords))
                return false;
        }
        return true;
    }

    private static bool StartsSomeWord(string prefix, string words)
    {
        var rest = words.AsSpan();
        while (true)
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
                return true;
            var space = rest.IndexOf(' ');
            if (space < 0)
                return false;
            rest = rest[(space + 1)..];
        }
    }
}
