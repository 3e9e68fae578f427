using System.Collections.Concurrent;
using ActorSync.GraphQL.DataLoading;
using GraphQL.DataLoader;

namespace ActorSync.GraphQL.Tests.DataLoading;

public sealed class BatchLoaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Keys_queued_before_dispatch_are_fetched_in_one_batch()
    {
        var loader = new RecordingLoader();
        var results = Enumerable.Range(1, 5).Select(loader.Load).ToArray();

        Assert.Equal(0, loader.BatchCount);
        Assert.Empty(loader.Fetched);

        var first = await results[0].GetResultAsync().WaitAsync(Timeout);
        var values = await Task.WhenAll(results.Select(r => r.GetResultAsync())).WaitAsync(Timeout);

        Assert.Equal("v1", first);
        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], values);
        Assert.Equal(1, loader.BatchCount);
        Assert.Equal([1, 2, 3, 4, 5], loader.Fetched.Order());
        Assert.Single(loader.LookUps);
        Assert.Equal([1, 2, 3, 4, 5], loader.LookUps[0].Order());
    }

    [Fact]
    public async Task Duplicate_keys_are_fetched_once_and_share_the_result()
    {
        var loader = new RecordingLoader();
        var results = new[] { loader.Load(7), loader.Load(7), loader.Load(7) };

        var values = await Task.WhenAll(results.Select(r => r.GetResultAsync())).WaitAsync(Timeout);

        Assert.Equal(["v7", "v7", "v7"], values);
        Assert.Equal([7], loader.Fetched);
        Assert.Equal([7], loader.LookUps.Single());
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task A_key_loaded_again_in_a_later_batch_is_served_from_the_memo()
    {
        var loader = new RecordingLoader();
        Assert.Equal("v1", await loader.Load(1).GetResultAsync().WaitAsync(Timeout));
        Assert.Equal(1, loader.BatchCount);

        var again = loader.Load(1);
        var other = loader.Load(2);
        Assert.Equal("v2", await other.GetResultAsync().WaitAsync(Timeout));
        Assert.Equal("v1", await again.GetResultAsync().WaitAsync(Timeout));

        Assert.Equal(2, loader.BatchCount);
        Assert.Equal([1, 2], loader.Fetched.Order());
        // The second batch only held the new key.
        Assert.Equal([2], loader.LookUps[1]);
    }

    [Fact]
    public async Task A_memoised_key_alone_dispatches_no_new_batch()
    {
        var loader = new RecordingLoader();
        await loader.Load(1).GetResultAsync().WaitAsync(Timeout);

        Assert.Equal("v1", await loader.Load(1).GetResultAsync().WaitAsync(Timeout));

        Assert.Equal(1, loader.BatchCount);
        Assert.Equal([1], loader.Fetched);
    }

    [Fact]
    public async Task No_more_than_MaxConcurrency_fetches_are_in_flight()
    {
        const int bound = 4;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reachedBound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var maxInFlight = 0;
        var loader = new RecordingLoader(bound, async (key, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now >= bound)
                reachedBound.TrySetResult();
            try
            {
                await gate.Task.WaitAsync(ct);
                return $"v{key}";
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });

        var results = loader.LoadMany(Enumerable.Range(1, 20));
        var pending = results.GetResultAsync();
        await reachedBound.Task.WaitAsync(Timeout);
        // Give a loader that ignores its bound the time to start more fetches before the gate opens.
        await Task.Delay(200);
        Assert.Equal(bound, Volatile.Read(ref inFlight));
        gate.SetResult();
        var values = await pending.WaitAsync(Timeout);

        Assert.Equal(bound, loader.MaxConcurrency);
        Assert.Equal(bound, Volatile.Read(ref maxInFlight));
        Assert.Equal(Enumerable.Range(1, 20).Select(k => $"v{k}"), values);
        Assert.Equal(Enumerable.Range(1, 20), loader.Fetched.Order());
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task A_failed_fetch_reaches_every_waiter_of_that_key_and_no_other_key()
    {
        var failure = new InvalidOperationException("key 3 failed");
        var loader = new RecordingLoader(fetch: (key, _) => key == 3 ? throw failure : Task.FromResult($"v{key}"));
        var first = loader.Load(3);
        var second = loader.Load(3);
        var many = loader.LoadMany([1, 3]);
        var fine = loader.Load(2);

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => first.GetResultAsync().WaitAsync(Timeout)));
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => second.GetResultAsync().WaitAsync(Timeout)));
        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => many.GetResultAsync().WaitAsync(Timeout)));
        Assert.Equal("v2", await fine.GetResultAsync().WaitAsync(Timeout));
        Assert.Equal("v1", await loader.Load(1).GetResultAsync().WaitAsync(Timeout));

        Assert.Equal(1, loader.BatchCount);
        Assert.Equal([1, 2, 3], loader.Fetched.Order());
    }

    [Fact]
    public async Task A_failed_fetch_stays_failed_for_later_loads_of_the_key()
    {
        var loader = new RecordingLoader(fetch: (key, _) => throw new InvalidOperationException($"key {key} failed"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => loader.Load(5).GetResultAsync().WaitAsync(Timeout));

        await Assert.ThrowsAsync<InvalidOperationException>(() => loader.Load(5).GetResultAsync().WaitAsync(Timeout));

        Assert.Equal([5], loader.Fetched);
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task A_failed_look_up_reaches_every_key_of_the_batch()
    {
        var failure = new InvalidOperationException("cache down");
        var loader = new RecordingLoader(lookUp: (_, _) => throw failure);
        var results = Enumerable.Range(1, 4).Select(loader.Load).ToArray();

        foreach (var result in results)
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => result.GetResultAsync().WaitAsync(Timeout)));

        Assert.Empty(loader.Fetched);
        Assert.Equal(1, loader.BatchCount);
    }

    [Fact]
    public async Task A_look_up_that_fails_asynchronously_reaches_every_key_of_the_batch()
    {
        var loader = new RecordingLoader(lookUp: async (_, _) =>
        {
            await Task.Yield();
            throw new TimeoutException("cache slow");
        });
        var many = loader.LoadMany([1, 2, 3]);
        var single = loader.Load(2);

        await Assert.ThrowsAsync<TimeoutException>(() => many.GetResultAsync().WaitAsync(Timeout));
        await Assert.ThrowsAsync<TimeoutException>(() => single.GetResultAsync().WaitAsync(Timeout));

        Assert.Empty(loader.Fetched);
    }

    [Fact]
    public async Task Keys_found_by_the_look_up_are_not_fetched()
    {
        var loader = new RecordingLoader(lookUp: (keys, _) => Task.FromResult<IReadOnlyDictionary<int, string>>(
            keys.Where(k => k % 2 == 0).ToDictionary(k => k, k => $"cached{k}")));

        var values = await loader.LoadMany([1, 2, 3, 4]).GetResultAsync().WaitAsync(Timeout);

        Assert.Equal(["v1", "cached2", "v3", "cached4"], values);
        Assert.Equal([1, 3], loader.Fetched.Order());
        Assert.Equal([1, 2, 3, 4], loader.LookUps.Single().Order());
    }

    [Fact]
    public async Task Cancelling_the_dispatching_token_cancels_waiters_and_the_in_flight_fetch()
    {
        var fetchStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fetchSawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new RecordingLoader(fetch: async (key, ct) =>
        {
            using var registration = ct.Register(() => fetchSawCancellation.TrySetResult());
            fetchStarted.TrySetResult();
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
            return $"v{key}";
        });
        using var cts = new CancellationTokenSource();
        var first = loader.Load(1);
        var second = loader.Load(2);

        var firstWait = first.GetResultAsync(cts.Token);
        var secondWait = second.GetResultAsync(cts.Token);
        await fetchStarted.Task.WaitAsync(Timeout);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstWait.WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondWait.WaitAsync(Timeout));
        await fetchSawCancellation.Task.WaitAsync(Timeout);
        // The keys' own outcome is cancelled too, not merely the waits on them.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loader.Load(1).GetResultAsync().WaitAsync(Timeout));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loader.Load(2).GetResultAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Cancelling_a_later_waiters_token_abandons_only_its_own_wait()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loader = new RecordingLoader(fetch: async (key, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return $"v{key}";
        });
        var dispatching = loader.Load(1).GetResultAsync();
        using var cts = new CancellationTokenSource();
        var impatient = loader.Load(1).GetResultAsync(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WaitAsync(Timeout));
        Assert.False(dispatching.IsCompleted);
        gate.SetResult();
        Assert.Equal("v1", await dispatching.WaitAsync(Timeout));
        Assert.Equal([1], loader.Fetched);
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_the_wait_without_fetching_a_value()
    {
        var loader = new RecordingLoader();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loader.Load(1).GetResultAsync(cts.Token).WaitAsync(Timeout));

        Assert.Empty(loader.Fetched);
    }

    [Fact]
    public async Task LoadMany_returns_the_values_in_the_order_given()
    {
        // Later keys finish first, so completion order differs from the order asked for.
        var loader = new RecordingLoader(fetch: async (key, ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10 * (6 - key)), ct);
            return $"v{key}";
        });

        var values = await loader.LoadMany([5, 1, 4, 2, 3, 1]).GetResultAsync().WaitAsync(Timeout);

        Assert.Equal(["v5", "v1", "v4", "v2", "v3", "v1"], values);
        Assert.Equal([1, 2, 3, 4, 5], loader.Fetched.Order());
    }

    [Fact]
    public async Task LoadMany_of_no_keys_is_empty_and_dispatches_nothing()
    {
        var loader = new RecordingLoader();

        var values = await loader.LoadMany([]).GetResultAsync().WaitAsync(Timeout);

        Assert.Empty(values);
        Assert.Equal(0, loader.BatchCount);
    }

    [Fact]
    public async Task Then_maps_the_value_without_dispatching_early()
    {
        var loader = new RecordingLoader();
        var mapped = loader.Load(1).Then(v => v.ToUpperInvariant());
        var chained = mapped.Then(v => v.Length);

        Assert.Equal(0, loader.BatchCount);
        Assert.Empty(loader.Fetched);

        // A key queued after the Then still joins the same batch.
        var later = loader.Load(2);
        Assert.Equal("V1", await mapped.GetResultAsync().WaitAsync(Timeout));
        Assert.Equal(2, await chained.GetResultAsync().WaitAsync(Timeout));
        Assert.Equal("v2", await later.GetResultAsync().WaitAsync(Timeout));

        Assert.Equal(1, loader.BatchCount);
        Assert.Equal([1, 2], loader.LookUps.Single().Order());
    }

    [Fact]
    public async Task Then_through_the_untyped_interface_returns_the_mapped_value()
    {
        var loader = new RecordingLoader();
        IDataLoaderResult untyped = loader.Load(3).Then(v => v + "!");

        Assert.Equal("v3!", await untyped.GetResultAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task FromValue_is_already_complete()
    {
        var result = DataLoaderResult.FromValue(42);

        var task = result.GetResultAsync();

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(42, await task);
        Assert.Equal(84, await result.Then(v => v * 2).GetResultAsync().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void The_constructor_rejects_a_non_positive_concurrency_bound(int maxConcurrency)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RecordingLoader(maxConcurrency));

        Assert.Equal("maxConcurrency", error.ParamName);
    }

    [Fact]
    public void The_constructor_keeps_a_positive_concurrency_bound()
    {
        Assert.Equal(1, new RecordingLoader(1).MaxConcurrency);
        Assert.Equal(16, new RecordingLoader(16).MaxConcurrency);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    /// <summary>A loader of <c>int → "v{key}"</c> that records every fetch and look-up; both can be replaced.</summary>
    private sealed class RecordingLoader(
        int maxConcurrency = 8,
        Func<int, CancellationToken, Task<string>>? fetch = null,
        Func<IReadOnlyList<int>, CancellationToken, Task<IReadOnlyDictionary<int, string>>>? lookUp = null)
        : BatchLoader<int, string>(maxConcurrency)
    {
        private readonly ConcurrentQueue<int> _fetched = new();
        private readonly ConcurrentQueue<int[]> _lookUps = new();

        public int[] Fetched => [.. _fetched];
        public int[][] LookUps => [.. _lookUps];

        protected override Task<string> FetchAsync(int key, CancellationToken cancellationToken)
        {
            _fetched.Enqueue(key);
            return fetch is null ? Task.FromResult($"v{key}") : fetch(key, cancellationToken);
        }

        protected override Task<IReadOnlyDictionary<int, string>> TryGetManyAsync(IReadOnlyList<int> keys, CancellationToken cancellationToken)
        {
            _lookUps.Enqueue([.. keys]);
            return lookUp is null ? base.TryGetManyAsync(keys, cancellationToken) : lookUp(keys, cancellationToken);
        }
    }
}
