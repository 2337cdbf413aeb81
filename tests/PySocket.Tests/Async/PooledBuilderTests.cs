using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Async;

/// <summary>
/// The pooled async builder behind every async twin behaves as an ordinary async method: results, exceptions
/// thrown before and after the first await, the caller's AsyncLocal values, and boxes reused across threads.
/// </summary>
public sealed class PooledBuilderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly AsyncLocal<string?> Ambient = new();

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    private static async ValueTask<int> AddLater(int a, int b, bool yield)
    {
        if (yield)
        {
            await Task.Yield();
        }

        return a + b;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder<>))]
    private static async ValueTask<string?> AmbientAfterAwait()
    {
        await Task.Delay(1).ConfigureAwait(false);
        return Ambient.Value;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskBuilder))]
    private static async ValueTask FailAfter(bool before)
    {
        if (before)
        {
            throw new InvalidOperationException("before");
        }

        await Task.Yield();
        throw new InvalidOperationException("after");
    }

    [Fact]
    public async Task A_method_that_finishes_at_once_or_after_awaiting_returns_its_result()
    {
        var now = AddLater(2, 3, yield: false);
        now.IsCompletedSuccessfully.Should().BeTrue("nothing was awaited, so no box was needed");
        (await now).Should().Be(5);
        (await AddLater(4, 5, yield: true).AsTask().WaitAsync(Bound)).Should().Be(9);
    }

    [Fact]
    public async Task Exceptions_before_and_after_the_first_await_are_raised_when_awaited()
    {
        var before = FailAfter(before: true);
        before.IsFaulted.Should().BeTrue();
        (await FluentActions.Awaiting(async () => await before).Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("before");
        (await FluentActions.Awaiting(async () => await FailAfter(before: false).AsTask().WaitAsync(Bound))
            .Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("after");
    }

    [Fact]
    public async Task The_callers_async_local_values_flow_through_an_await()
    {
        Ambient.Value = "caller's";
        (await AmbientAfterAwait().AsTask().WaitAsync(Bound)).Should().Be("caller's");
        Ambient.Value = null;
        (await AmbientAfterAwait().AsTask().WaitAsync(Bound)).Should().BeNull();
    }

    [Fact]
    public async Task Boxes_reused_by_many_threads_at_once_give_every_call_its_own_result()
    {
        var tasks = new Task[8];
        for (var t = 0; t < tasks.Length; t++)
        {
            var offset = t * 1_000_000;
            tasks[t] = Task.Run(async () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    (await AddLater(offset, i, yield: true)).Should().Be(offset + i);
                }
            });
        }

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
