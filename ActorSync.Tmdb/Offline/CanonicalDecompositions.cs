using System.Text;

namespace ActorSync.Tmdb.Offline;

/// <summary>
/// Canonical decomposition (Unicode NFD) without ICU, for the offline search's folding: the API runs with invariant
/// globalization (ICU's libraries and data are not loaded), where <see cref="string.Normalize(NormalizationForm)"/>
/// leaves accented letters composed. The table comes from tools/decompositions/generate.py; a test checks it against
/// ICU's normalization for every BMP character.
/// </summary>
/// <remarks>
/// NFD also puts combining marks of a run in canonical order. The search's folding drops non-spacing marks and turns
/// every other mark into a word break, so the order never changes what it makes, and this leaves it out.
/// </remarks>
internal static partial class CanonicalDecompositions
{
    /// <summary>The first character with a decomposition (À).</summary>
    private const char FirstDecomposable = '\u00C0';

    // Hangul syllables decompose by arithmetic (The Unicode Standard, section 3.12).
    private const int SyllableBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    private const int VowelCount = 21, TrailCount = 28, SyllableCount = 11172;

    /// <summary>
    /// The decomposition of <paramref name="text"/> (the text itself when nothing in it decomposes). Like
    /// <see cref="string.Normalize(NormalizationForm)"/>, throws <see cref="ArgumentException"/> for a lone surrogate
    /// and for U+FFFE.
    /// </summary>
    public static string Decompose(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange(FirstDecomposable, char.MaxValue);
        if (first < 0)
            return text;
        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c < FirstDecomposable)
            {
                builder.Append(c);
            }
            else if (c == '\uFFFE')
            {
                throw new ArgumentException($"Invalid Unicode code point found at index {i}.", nameof(text));
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]))
                    throw new ArgumentException($"Invalid Unicode code point found at index {i}.", nameof(text));
                builder.Append(c).Append(text[++i]);
            }
            else if (c - SyllableBase is >= 0 and < SyllableCount)
            {
                var s = c - SyllableBase;
                builder.Append((char)(LeadBase + s / (VowelCount * TrailCount)));
                builder.Append((char)(VowelBase + s % (VowelCount * TrailCount) / TrailCount));
                if (s % TrailCount != 0)
                    builder.Append((char)(TrailBase + s % TrailCount));
            }
            else if (Table.TryGetValue(c, out var decomposed))
            {
                builder.Append(decomposed);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
