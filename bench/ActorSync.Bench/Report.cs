using System.Globalization;
using System.Text;

namespace ActorSync.Bench;

/// <summary>One line of the result table. <see cref="Pass"/> is null for figures reported without a target.</summary>
public sealed record FigureRow(string Figure, string Value, string Target, bool? Pass, string Command);

/// <summary>The figures of a run, and the machine they were measured on.</summary>
public sealed class Report
{
    private readonly List<FigureRow> _rows = [];

    public IReadOnlyList<FigureRow> Rows => _rows;

    public void Add(FigureRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  => {row.Figure}: {row.Value} (target {row.Target}: {Verdict(row.Pass)})");
    }

    /// <summary>A failed measurement (the figure could not be taken): reported as a failure with the reason.</summary>
    public void AddError(string figure, string command, Exception error)
    {
        var message = error.Message.ReplaceLineEndings(" ");
        Add(new FigureRow(figure, $"error: {(message.Length > 80 ? message[..80] + "…" : message)}", "-", false, command));
    }

    public static string Verdict(bool? pass) => pass switch { true => "pass", false => "FAIL", null => "info" };

    /// <summary>A Markdown table (readable as plain text too).</summary>
    public string Table()
    {
        string[] headers = ["figure", "value", "target", "pass/fail", "reproduce"];
        // In figure order (the throughput runs measure figure 6 before the memory figure runs).
        var cells = _rows.Select((r, i) => (Row: r, Index: i)).OrderBy(r => FigureNumber(r.Row.Figure)).ThenBy(r => r.Index)
            .Select(r => new[] { r.Row.Figure, r.Row.Value, r.Row.Target, Verdict(r.Row.Pass), $"`{r.Row.Command}`" }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> values) =>
            text.Append("| ").AppendJoin(" | ", values.Select((v, i) => v.PadRight(widths[i]))).AppendLine(" |");
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells)
            Line(row);
        return text.ToString();
    }

    /// <summary>The leading number of "3b. …" (rows without one, e.g. errors, go last).</summary>
    private static int FigureNumber(string figure)
    {
        var digits = figure.TakeWhile(char.IsAsciiDigit).ToArray();
        return digits.Length == 0 ? int.MaxValue : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    public static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
    public static string Fixed(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
