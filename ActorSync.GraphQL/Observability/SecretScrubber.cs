using System.Text.RegularExpressions;
using Sentry;

namespace ActorSync.GraphQL.Observability;

/// <summary>
/// Takes the TMDB key out of everything sent to Sentry: the key's own text wherever it appears, and the value of any
/// <c>api_key=</c> query parameter (the live client sends a v3 key that way, and Sentry's HTTP breadcrumbs and spans
/// record request URLs).
/// </summary>
public sealed partial class SecretScrubber(string? tmdbApiKey)
{
    public const string Redacted = "[redacted]";

    private readonly string? _key = string.IsNullOrWhiteSpace(tmdbApiKey) ? null : tmdbApiKey.Trim();

    [GeneratedRegex(@"(?<=api_key(=|%3D))[^&\s""'#]+", RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyParameter();

    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        if (_key is not null)
        {
            text = text.Replace(_key, Redacted, StringComparison.Ordinal);
            // URLs carry the key escaped.
            var escaped = Uri.EscapeDataString(_key);
            if (escaped != _key)
                text = text.Replace(escaped, Redacted, StringComparison.Ordinal);
        }
        return ApiKeyParameter().Replace(text, Redacted);
    }

    public SentryEvent Scrub(SentryEvent sentryEvent)
    {
        if (sentryEvent.Message is { } message)
        {
            message.Message = Scrub(message.Message);
            message.Formatted = Scrub(message.Formatted);
            if (message.Params is { } parameters)
                message.Params = parameters.Select(p => p is string s ? Scrub(s)! : p).ToArray();
        }
        foreach (var exception in sentryEvent.SentryExceptions ?? [])
            exception.Value = Scrub(exception.Value);
        sentryEvent.TransactionName = Scrub(sentryEvent.TransactionName);
        Scrub(sentryEvent.Request);
        foreach (var (key, value) in sentryEvent.Extra.ToArray())
        {
            if (value is string text && Scrub(text) is var clean && clean != text)
                sentryEvent.SetExtra(key, clean);
        }
        foreach (var (key, value) in sentryEvent.Tags.ToArray())
        {
            if (Scrub(value) is var clean && clean != value)
                sentryEvent.SetTag(key, clean ?? "");
        }
        return sentryEvent;
    }

    public SentryTransaction Scrub(SentryTransaction transaction)
    {
        transaction.Description = Scrub(transaction.Description);
        Scrub(transaction.Request);
        foreach (var span in transaction.Spans)
        {
            span.Description = Scrub(span.Description);
            foreach (var (key, value) in span.Data.ToArray())
            {
                if (value is string text && Scrub(text) is var clean && clean != text)
                    span.SetData(key, clean);
            }
        }
        return transaction;
    }

    // Breadcrumbs are scrubbed as they are recorded, so the new one's timestamp is the same moment.
    public Breadcrumb Scrub(Breadcrumb crumb) =>
        new(
            Scrub(crumb.Message) ?? "",
            crumb.Type ?? "default",
            crumb.Data?.ToDictionary(e => e.Key, e => Scrub(e.Value) ?? ""),
            crumb.Category,
            crumb.Level);

    private void Scrub(SentryRequest? request)
    {
        if (request is null)
            return;
        request.Url = Scrub(request.Url);
        request.QueryString = Scrub(request.QueryString);
        if (request.Data is string body)
            request.Data = Scrub(body);
    }
}
