using System.Net;
using ActorSync.GraphQL.Tests.Infrastructure;

namespace ActorSync.GraphQL.Tests.Security;

public sealed class HttpSecurityTests
{
    [Fact]
    public async Task Api_responses_carry_the_security_headers()
    {
        await using var factory = new ApiFactory();
        using var response = await factory.CreateClient().GetAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Cors_answers_a_preflight_for_an_allowed_origin_only()
    {
        await using var factory = new ApiFactory().With("ALLOWED_ORIGINS", "https://app.example.com, https://other.example.com");
        var http = factory.CreateClient();

        using var allowed = await http.SendAsync(Preflight("https://app.example.com"));
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        using var refused = await http.SendAsync(Preflight("https://evil.example.net"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_traced_front_ends_preflight_passes_with_its_trace_headers()
    {
        await using var factory = new ApiFactory().With("ALLOWED_ORIGINS", "https://app.example.com");
        var preflight = Preflight("https://app.example.com", "content-type, traceparent, tracestate, baggage, sentry-trace");

        using var response = await factory.CreateClient().SendAsync(preflight);

        Assert.Equal("https://app.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',', StringSplitOptions.TrimEntries);
        Assert.All(new[] { "traceparent", "tracestate", "baggage", "sentry-trace" }, header => Assert.Contains(header, allowed, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_header_outside_the_list_still_fails_the_preflight()
    {
        await using var factory = new ApiFactory().With("ALLOWED_ORIGINS", "https://app.example.com");

        using var response = await factory.CreateClient().SendAsync(Preflight("https://app.example.com", "content-type, x-custom"));

        // The browser refuses the request unless every header it asked for is listed.
        var allowed = response.Headers.TryGetValues("Access-Control-Allow-Headers", out var values) ? string.Join(",", values) : "";
        Assert.DoesNotContain("x-custom", allowed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_allowed_origins_no_cross_origin_access_is_granted()
    {
        await using var factory = new ApiFactory();
        using var response = await factory.CreateClient().SendAsync(Preflight("https://app.example.com"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Production_sends_hsts_for_https_at_the_proxy_and_never_redirects_plain_http()
    {
        await using var factory = new ApiFactory { Environment = "Production" }.With("TMDB_MODE", "offline").With("TRUSTED_PROXIES", "0.0.0.0/0");
        var http = factory.CreateClient();

        using var plain = await http.GetAsync("/health/simple");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/simple");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        using var proxied = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Contains("max-age=31536000", proxied.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory]
    [InlineData("ALLOWED_ORIGINS", "https://app.example.com/path")]
    [InlineData("TRUSTED_PROXIES", "not-a-network")]
    public async Task A_bad_security_setting_refuses_to_start_naming_it(string variable, string value)
    {
        await using var factory = new ApiFactory().With(variable, value);
        Assert.Equal(variable, Assert.Single(factory.SettingsProblems()).Variable);
    }

    private static HttpRequestMessage Preflight(string origin, string headers = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
