using ActorSync.GraphQL.Settings;
using Sentry.AspNetCore;

namespace ActorSync.GraphQL.Observability;

internal static class SentrySetup
{
    /// <summary>
    /// Sentry error tracking, only when <c>SENTRY_DSN</c> is set. Error logs (such as an unhandled resolver error)
    /// become events, information logs become breadcrumbs; no personal data, and the TMDB key is scrubbed from
    /// events, transactions and breadcrumbs before they leave. Events carry the deployed release
    /// (<see cref="ErrorTrackingOptions.Release"/>) and the host environment (production, development…).
    /// <paramref name="sentry"/> is Sentry's section as it is now (the composition root reads it): whether Sentry is on
    /// is decided while services are registered; <paramref name="tmdbApiKey"/> is the key to scrub.
    /// </summary>
    public static void AddActorSyncSentry(this WebApplicationBuilder builder, ErrorTrackingOptions sentry, string? tmdbApiKey)
    {
        if (sentry.ValidDsn is not { } dsn)
            return;
        var scrubber = new SecretScrubber(tmdbApiKey);
        var environment = builder.Environment.EnvironmentName.ToLowerInvariant();
        builder.WebHost.UseSentry((SentryAspNetCoreOptions o) =>
        {
            o.Dsn = dsn;
            o.SendDefaultPii = false;
            o.TracesSampleRate = sentry.TracesSampleRateOrDefault;
            o.Environment = environment;
            o.Release = sentry.Release;
            o.SetBeforeSend((sentryEvent, _) => scrubber.Scrub(sentryEvent));
            o.SetBeforeSendTransaction((transaction, _) => scrubber.Scrub(transaction));
            o.SetBeforeBreadcrumb((crumb, _) => scrubber.Scrub(crumb));
        });
    }
}
