using System.Globalization;
using System.Text;
using ActorSync.GraphQL.Tests.Infrastructure;
using ActorSync.Tmdb.Offline;

namespace ActorSync.GraphQL.Tests.Tmdb;

/// <summary>
/// The offline search folds text with its own decomposition table, so the API runs without ICU (InvariantGlobalization);
/// this test process has ICU, and checks the table and the folding against ICU's normalization.
/// </summary>
public sealed class SearchTextTests
{
    [Fact]
    public void Every_BMP_characters_decomposition_is_ICUs()
    {
        var differences = new List<string>();
        for (var code = 0; code <= char.MaxValue; code++)
        {
            if (char.IsSurrogate((char)code))
                continue;
            var text = ((char)code).ToString();
            var expected = Outcome(() => text.Normalize(NormalizationForm.FormD));
            var actual = Outcome(() => CanonicalDecompositions.Decompose(text));
            if (actual != expected)
                differences.Add($"U+{code:X4}: ICU {expected}, table {actual}");
        }

        Assert.True(differences.Count == 0,
            $"{differences.Count} characters decompose otherwise than ICU says (regenerate with `python3 tools/decompositions/generate.py`): " +
            string.Join("; ", differences.Take(20)));
    }

    [Fact]
    public void Every_name_and_title_of_the_snapshot_folds_as_with_ICUs_normalization()
    {
        var oracle = SnapshotOracle.Instance;
        var texts = oracle.People.Values.Select(p => p.Name)
            .Concat(oracle.Movies.Values.SelectMany(m => new[] { m.Title, m.OriginalTitle }))
            .OfType<string>()
            .ToArray();

        Assert.Contains(texts, t => t.Any(c => c >= '\u00C0'));
        Assert.All(texts, text => Assert.Equal(WordsWithIcu(text), SearchText.Words(text)));
    }

    [Theory]
    [InlineData("Penélope Cruz")]
    [InlineData("PENE\u0301LOPE")]
    [InlineData("Björk Guðmundsdóttir")]
    [InlineData("O'Brien O\u2019Toole")]
    [InlineData("Straße Œuvre Łódź")]
    [InlineData("한국 영화 \u1112\u1161\u11AB")]
    [InlineData("ǅemal ﬁlm Ⅻ ＡＢＣ")]
    [InlineData("Ελληνικά Ἀθῆναι кино Йорк")]
    [InlineData("\u0F73\u0F75\u0F81 \u1E9B\u0323 \u0344")]
    [InlineData("a\U0001D15Eb \uFA6C \U0001F600")]
    public void Text_folds_as_with_ICUs_normalization(string text)
    {
        Assert.Equal(WordsWithIcu(text), SearchText.Words(text));
    }

    [Fact]
    public void What_ICUs_normalization_refuses_is_refused_alike()
    {
        // Built here: a lone surrogate does not survive the trip through a theory's serialized data.
        var refused = new[] { "ab\uD800c", "ab\uDC00", "\uD800", "\uDC00\uD800", "x\uFFFEy" };

        Assert.All(refused, text =>
        {
            Assert.Throws<ArgumentException>(() => text.Normalize(NormalizationForm.FormD));
            Assert.Throws<ArgumentException>(() => CanonicalDecompositions.Decompose(text));
            Assert.Throws<ArgumentException>(() => SearchText.Words(text));
        });
    }

    /// <summary>The folding with ICU's normalization (what it used before the table), as the oracle.</summary>
    private static string[] WordsWithIcu(string text) => SearchText.Words(text, t => t.Normalize(NormalizationForm.FormD));

    /// <summary>The result as code points, or "refused" for an <see cref="ArgumentException"/>.</summary>
    private static string Outcome(Func<string> decompose)
    {
        try
        {
            return string.Join(" ", decompose().Select(c => $"{(int)c:X4}"));
        }
        catch (ArgumentException)
        {
            return "refused";
        }
    }
}
