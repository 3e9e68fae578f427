using GraphQL.DataLoader;

namespace ActorSync.GraphQL.DataLoading;

/// <summary>Small combinators over <see cref="IDataLoaderResult{T}"/> (the GraphQL.DataLoader package is not served here).</summary>
public static class DataLoaderResult
{
    /// <summary>A value that is already known, in the shape of a pending one.</summary>
    public static IDataLoaderResult<T> FromValue<T>(T value) => new Completed<T>(value);

    /// <summary>Maps the value once it arrives, without dispatching anything early.</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    private sealed class Completed<T>(T value) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);
        Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
    }

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
