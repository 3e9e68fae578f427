namespace ActorSync.GraphQL.Kernel;

/// <summary>
/// Boxed values a resolver returns as <c>object</c>, shared instead of boxed anew: the booleans, and the small
/// integers answers are full of (years, runtimes, billing orders). Boxes are immutable, so sharing them is safe.
/// </summary>
public static class Boxes
{
    private const int SmallestCached = -1;
    private const int LargestCached = 2999;

    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly object[] Ints = Enumerable.Range(SmallestCached, LargestCached - SmallestCached + 1).Select(i => (object)i).ToArray();

    public static object Of(bool value) => value ? True : False;

    public static object Of(int value) => value is >= SmallestCached and <= LargestCached ? Ints[value - SmallestCached] : value;

    public static object? Of(int? value) => value is { } number ? Of(number) : null;

    /// <summary>A value of any type: booleans and small integers shared, anything else as it is (boxed if it is a value).</summary>
    public static object? Of<T>(T value) => value switch
    {
        bool flag => Of(flag),
        int number => Of(number),
        _ => value,
    };
}
