using ActorSync.GraphQL.Settings;
using Sentry.AspNetCore;

namespace ActorSync.GraphQL.Observability;

internal static class SentrySetup
{
    /// <summary>
    /// Sentry error tracking, only when <c>SENTRY_DSN</c> is set. Error logs (such as an unhandled resolver error)
    /// become events, information logs become breadcrumbs; no personal data, and the TMDB key is scrubbed from
    /// events, transactions and breadcrumbs before they leave. Events carry the deployed release
    /// (<see cref="ActorSyncSettings.SentryRelease"/>) and the host environment (production, development…).
    /// </summary>
    public static void AddActorSyncSentry(this WebApplicationBuilder builder, ActorSyncSettings settings)
    {
        if (settings.SentryDsn is not { } dsn)
            return;
        var scrubber = new SecretScrubber(settings.Tmdb.ApiKey);
        var environment = builder.Environment.EnvironmentName.ToLowerInvariant();
        builder.WebHost.UseSentry((SentryAspNetCoreOptions o) =>
        {
            o.Dsn = dsn;
            o.SendDefaultPii = false;
            o.TracesSampleRate = settings.SentryTracesSampleRate;
            o.Environment = environment;
            o.Release = settings.SentryRelease;
            o.SetBeforeSend((sentryEvent, _) => scrubber.Scrub(sentryEvent));
            o.SetBeforeSendTransaction((transaction, _) => scrubber.Scrub(transaction));
            o.SetBeforeBreadcrumb((crumb, _) => scrubber.Scrub(crumb));
        });
    }
}
