using ActorSync.GraphQL.Composition;

namespace ActorSync.GraphQL.Tests.Composition;

public sealed class ImagePagesTests
{
    private const string Image = "/app/ActorSync.GraphQL.r2r.dll";

    [Fact]
    public void Every_mapping_of_the_image_and_nothing_else_is_given_back()
    {
        string[] maps =
        [
            "7f28a7230000-7f28a7231000 r--p 00000000 fe:00 11840259                   /app/ActorSync.GraphQL.r2r.dll",
            "7f28a7240000-7f28aac76000 r-xp 00000000 fe:00 11840259                   /app/ActorSync.GraphQL.r2r.dll",
            "7f28aac95000-7f28acbee000 rw-p 039d9000 fe:00 11840259                   /app/ActorSync.GraphQL.r2r.dll",
            "7f28acc2e000-7f28accc7000 r--p 058ef000 fe:00 11840260                   /app/ActorSync.GraphQL.dll",
            "7f28b0000000-7f28b0021000 rw-p 00000000 00:00 0 ",
            "7f28b1000000-7f28b2000000 r--p 00000000 fe:00 11840261                   /other/ActorSync.GraphQL.r2r.dll.bak",
            "garbage /app/ActorSync.GraphQL.r2r.dll",
            "7f28aac95000-7f28aac95000 rw-p 039d9000 fe:00 11840259                   /app/ActorSync.GraphQL.r2r.dll",
        ];

        var ranges = ImagePages.Mappings(maps, Image).ToList();

        Assert.Equal(
            [(0x7f28a7230000UL, 0x1000UL), (0x7f28a7240000UL, 0x3a36000UL), (0x7f28aac95000UL, 0x1f59000UL)],
            ranges.Select(r => ((ulong)r.Start, (ulong)r.Length)));
    }

    [Fact]
    public void Without_a_published_image_there_is_nothing_to_give_back()
    {
        // Tests run the build output: framework-dependent, no composite image beside the app.
        Assert.Null(ImagePages.ImagePath());
    }
}
