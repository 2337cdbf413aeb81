using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace PySocket;

/// <summary>
/// The async method builder of PySocket's <see cref="ValueTask{TResult}"/> methods: like .NET's
/// <see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/>, a call that awaits keeps its state in a pooled box
/// instead of a new object per call; unlike it, the pool does not lose boxes when a call starts on one thread and
/// ends on another. .NET keeps one spare box per thread and one per core, so an operation started on thread A
/// (a recv that waits) and finished on thread B (the thread pool thread that saw the data) leaves its box with B,
/// and the next call on A allocates (measured: up to about 180 bytes a round of a socketpair ping-pong, now and then).
/// Here a box goes back to its thread's slot or, when that is taken, to a small shared stack that every thread
/// rents from, so a steady state allocates nothing whatever threads the calls start and end on.
/// </summary>
/// <typeparam name="TResult">The method's result.</typeparam>
internal struct PooledValueTaskBuilder<TResult>
{
    private PooledBox<TResult>? _box;
    private TResult _result;

    /// <summary>The builder of one call (the compiler's entry point).</summary>
    public static PooledValueTaskBuilder<TResult> Create() => default;

    /// <summary>The call's box, once it awaited (or threw).</summary>
    internal readonly PooledBox<TResult>? Box => _box;

    /// <summary>The call's task: its result when it finished without awaiting, else its box.</summary>
    public readonly ValueTask<TResult> Task => _box is null ? new ValueTask<TResult>(_result) : new ValueTask<TResult>(_box, _box.Version);

    /// <summary>Runs the method until its first await (with .NET's handling of the execution and synchronization contexts).</summary>
#pragma warning disable CA1822 // the compiler calls these on the builder instance
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine =>
        AsyncTaskMethodBuilder.Create().Start(ref stateMachine);

    /// <summary>Not used (the box holds the state machine).</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) => _ = stateMachine;
#pragma warning restore CA1822

    /// <summary>The method returned <paramref name="result"/>.</summary>
    public void SetResult(TResult result)
    {
        if (_box is null)
        {
            _result = result;
        }
        else
        {
            _box.SetResult(result);
        }
    }

    /// <summary>The method threw <paramref name="exception"/>.</summary>
    public void SetException(Exception exception)
    {
        _box ??= PooledBox<TResult>.RentEmpty();
        _box.SetException(exception);
    }

    /// <summary>An await that was not complete: the state machine moves into a box that the awaiter resumes.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(PooledBox<TResult>.ForAwait(ref _box, ref stateMachine).MoveNextAction);

    /// <summary>An await that was not complete (the usual form): as <see cref="AwaitOnCompleted"/>.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(PooledBox<TResult>.ForAwait(ref _box, ref stateMachine).MoveNextAction);
}

/// <summary>The builder of PySocket's <see cref="ValueTask"/> methods: the generic builder with no result.</summary>
internal struct PooledValueTaskBuilder
{
    private PooledValueTaskBuilder<NoResult> _inner;

    /// <summary>The builder of one call (the compiler's entry point).</summary>
    public static PooledValueTaskBuilder Create() => default;

    /// <summary>The call's task: done when it finished without awaiting, else its box.</summary>
    public readonly ValueTask Task => _inner.Box is { } box ? new ValueTask(box, box.Version) : default;

#pragma warning disable CA1822 // the compiler calls these on the builder instance
    /// <summary>Runs the method until its first await.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine =>
        _inner.Start(ref stateMachine);

    /// <summary>Not used (the box holds the state machine).</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine) => _ = stateMachine;
#pragma warning restore CA1822

    /// <summary>The method returned.</summary>
    public void SetResult() => _inner.SetResult(default);

    /// <summary>The method threw <paramref name="exception"/>.</summary>
    public void SetException(Exception exception) => _inner.SetException(exception);

    /// <summary>An await that was not complete.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

    /// <summary>An await that was not complete (the usual form).</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        _inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);

    /// <summary>The result of a method that returns none.</summary>
    internal readonly struct NoResult;
}

/// <summary>A pooled box: the completion source of one call at a time (<see cref="ManualResetValueTaskSourceCore{TResult}"/>).</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
internal abstract class PooledBox<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<TResult> _core;

    /// <summary>The version of the current call (the token its task carries).</summary>
    public short Version => _core.Version;

    /// <summary>The delegate the awaiters resume (one per box, made once).</summary>
    public abstract Action MoveNextAction { get; }

    /// <summary>A box for a method that threw before its first await (it has no state machine to hold; rare, not pooled).</summary>
    public static PooledBox<TResult> RentEmpty() => new EmptyBox();

    /// <summary>
    /// The box of an await that was not complete. At the first await the builder (a field of the state machine)
    /// learns its box before the state machine, and the builder in it, is copied in.
    /// </summary>
    public static PooledBox<TResult> ForAwait<TStateMachine>(ref PooledBox<TResult>? builderBox, ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        var context = ExecutionContext.Capture();
        if (builderBox is PooledBox<TResult, TStateMachine> box)
        {
            box.Context = context;
            return box;
        }

        box = PooledBox<TResult, TStateMachine>.Rent();
        builderBox = box;
        box.StateMachine = stateMachine;
        box.Context = context;
        return box;
    }

    /// <summary>The method returned.</summary>
    public void SetResult(TResult result) => _core.SetResult(result);

    /// <summary>The method threw.</summary>
    public void SetException(Exception exception) => _core.SetException(exception);

    /// <inheritdoc/>
    public TResult GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            Return();
        }
    }

    /// <inheritdoc/>
    void IValueTaskSource.GetResult(short token) => GetResult(token);

    /// <inheritdoc/>
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc/>
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>Gives the box back to the pool (its call's result was taken).</summary>
    protected abstract void Return();

    private sealed class EmptyBox : PooledBox<TResult>
    {
        public override Action MoveNextAction => throw new InvalidOperationException("a box without a state machine is never awaited into");

        protected override void Return()
        {
        }
    }
}

/// <summary>The box of one async method (its state machine type), and that method's pool.</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
/// <typeparam name="TStateMachine">The compiler's state machine of the method.</typeparam>
internal sealed class PooledBox<TResult, TStateMachine> : PooledBox<TResult>
    where TStateMachine : IAsyncStateMachine
{
    // Spare boxes beyond one per thread: enough for the calls that finish on another thread than they started.
    private const int SharedCapacity = 64;

    private static readonly ContextCallback RunInContext = static s => ((PooledBox<TResult, TStateMachine>)s!).StateMachine!.MoveNext();

    private static readonly PooledBox<TResult, TStateMachine>?[] Shared = new PooledBox<TResult, TStateMachine>?[SharedCapacity];
    private static readonly object SharedLock = new();
    private static int _sharedCount;

    [ThreadStatic]
    private static PooledBox<TResult, TStateMachine>? _threadSpare;

    private Action? _moveNext;

    /// <summary>The method's state (the compiler's struct, moved in at the first await).</summary>
    public TStateMachine? StateMachine;

    /// <summary>The execution context captured at the await (the method resumes in it).</summary>
    public ExecutionContext? Context;

    /// <inheritdoc/>
    public override Action MoveNextAction => _moveNext ??= MoveNext;

    /// <summary>A box from the thread's slot, else the shared stack, else a new one.</summary>
    public static PooledBox<TResult, TStateMachine> Rent()
    {
        var box = _threadSpare;
        if (box is not null)
        {
            _threadSpare = null;
            return box;
        }

        if (Volatile.Read(ref _sharedCount) > 0)
        {
            lock (SharedLock)
            {
                if (_sharedCount > 0)
                {
                    box = Shared[--_sharedCount];
                    Shared[_sharedCount] = null;
                }
            }
        }

        return box ?? new PooledBox<TResult, TStateMachine>();
    }

    /// <inheritdoc/>
    protected override void Return()
    {
        StateMachine = default;
        Context = null;
        if (_threadSpare is null)
        {
            _threadSpare = this;
            return;
        }

        lock (SharedLock)
        {
            if (_sharedCount < SharedCapacity)
            {
                Shared[_sharedCount++] = this;
            }
        }
    }

    private void MoveNext()
    {
        // The usual case: resumed on a thread already in the captured context (the default one of a thread pool
        // thread), so there is nothing to switch (as .NET's own boxes skip the switch for the default context).
        var context = Context;
        if (context is null || ReferenceEquals(context, ExecutionContext.Capture()))
        {
            StateMachine!.MoveNext();
        }
        else
        {
            ExecutionContext.Run(context, RunInContext, this);
        }
    }
}
