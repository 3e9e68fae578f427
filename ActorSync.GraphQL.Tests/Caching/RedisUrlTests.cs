using ActorSync.GraphQL.Redis;
using StackExchange.Redis;

namespace ActorSync.GraphQL.Tests.Caching;

public sealed class RedisUrlTests
{
    [Fact]
    public void A_plain_url_gives_host_port_and_default_database()
    {
        var options = RedisUrl.Parse("redis://cache.internal:6380");
        Assert.Equal("cache.internal:6380", options.EndPoints.Single().ToString()!.Replace("Unspecified/", ""));
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void Password_user_database_and_tls_are_read()
    {
        var options = RedisUrl.Parse("rediss://red-user:s%40cret@example.com:6379/3");
        Assert.True(options.Ssl);
        Assert.Equal("s@cret", options.Password);
        Assert.Equal("red-user", options.User);
        Assert.Equal(3, options.DefaultDatabase);
        Assert.Equal("example.com", options.SslHost);
    }

    [Fact]
    public void A_password_without_a_user_is_the_password()
    {
        Assert.Equal("pw", RedisUrl.Parse("redis://:pw@localhost").Password);
        Assert.Null(RedisUrl.Parse("redis://default:pw@localhost").User);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("http://localhost:6379")]
    [InlineData("redis://localhost:6379/zero")]
    public void A_malformed_url_is_refused_naming_REDIS_URL(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisUrl.Parse(url));
        Assert.Contains("REDIS_URL", error.Message);
    }

    [Fact]
    public void The_description_for_logs_reads_host_port_and_database()
    {
        Assert.Equal("rediss://cache.internal:6380/1", RedisUrl.Describe(RedisUrl.Parse("rediss://cache.internal:6380/1")));
        Assert.Equal("redis://127.0.0.1:6379/0", RedisUrl.Describe(RedisUrl.Parse("redis://127.0.0.1")));
    }

    [Fact]
    public void The_description_for_logs_has_no_password()
    {
        var described = RedisUrl.Describe(RedisUrl.Parse("redis://:topsecret@localhost:6379"));
        Assert.DoesNotContain("topsecret", described);
        Assert.Contains("6379", described);
    }

    private static ConfigurationOptions Unused() => new();
}
