using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ActorSync.GraphQL.Scalars;

/// <summary>The <c>Date</c> scalar: an ISO-8601 calendar date, "YYYY-MM-DD", backed by <see cref="DateOnly"/>.</summary>
public sealed class DateType : ScalarGraphType
{
    private const string Format = "yyyy-MM-dd";

    public DateType()
    {
        Name = "Date";
        Description = "ISO-8601 calendar date, serialized as \"YYYY-MM-DD\".";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString(Format, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateOnly date => date,
        string text when TryParse(text, out var date) => date,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text when TryParse((string)text.Value, out var date) => date,
        _ => ThrowLiteralConversionError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) =>
        value is GraphQLNullValue || (value is GraphQLStringValue text && TryParse((string)text.Value, out _));

    public override bool CanParseValue(object? value) =>
        value is null or DateOnly || (value is string text && TryParse(text, out _));

    /// <summary>Reads TMDB's "YYYY-MM-DD"; empty or malformed dates (TMDB sends "" for unknown) are no date.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly? ParseOrNull(string? text) => TryParse(text, out var date) ? date : null;
}
