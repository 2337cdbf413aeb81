using System;
using System.Collections.Generic;
using System.Threading;

namespace PySocket;

/// <summary>
/// socketserver.ThreadingMixIn as a behaviour object: put one in a server's <see cref="BaseServer.mixin"/> and
/// every request runs on a new thread (Python: <c>class S(ThreadingMixIn, TCPServer): pass</c>). The settings
/// keep Python's names and are read from the server: <see cref="BaseServer.daemon_threads"/> (background
/// threads), <see cref="BaseServer.block_on_close"/> (server_close joins the non-daemon threads) and, beyond
/// Python, <see cref="BaseServer.max_concurrent_requests"/>. Finished threads are forgotten whenever a new one
/// is started, so the list does not grow without bound. One ThreadingMixIn serves one server.
/// </summary>
public class ThreadingMixIn
{
    private readonly object _gate = new();
    private readonly List<Thread> _threads = [];
    private int _active;

    /// <summary>
    /// process_request(request, client_address): starts a thread running <see cref="process_request_thread"/>
    /// (a background thread when daemon_threads) and returns. The thread is named as Python's threading names it:
    /// <c>Thread-N (process_request_thread)</c>, N from a process-wide counter (see <see cref="ThreadNames"/>). With max_concurrent_requests set, it first waits
    /// until fewer than that many request threads run; if shutdown() comes during that wait the request is
    /// shut down without being handled.
    /// </summary>
    /// <typeparam name="TRequest">The server's request type.</typeparam>
    public virtual void process_request<TRequest>(BaseServer<TRequest> server, TRequest request, SockAddr? client_address)
    {
        ArgumentNullException.ThrowIfNull(server);
        var rejected = false;
        lock (_gate)
        {
            while (server.max_concurrent_requests is int max && _active >= max)
            {
                if (server.ShutdownPending)
                {
                    rejected = true;
                    break;
                }

                Monitor.Wait(_gate);
            }

            if (!rejected)
            {
                _active++;
            }
        }

        if (rejected)
        {
            server.shutdown_request(request);
            return;
        }

        try
        {
            var t = new Thread(() => Run(server, request, client_address))
            {
                IsBackground = server.daemon_threads,
                Name = ThreadNames.Next(nameof(process_request_thread)),
            };
            t.Start();
            lock (_gate)
            {
                // _Threads.append: reap finished threads; daemon threads (or block_on_close off) are not tracked.
                _threads.RemoveAll(static x => !x.IsAlive);
                if (server.block_on_close && !server.daemon_threads)
                {
                    _threads.Add(t);
                }
            }
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>
    /// process_request_thread(request, client_address): on the request's thread, finish_request; an exception
    /// goes to the server's handle_error; shutdown_request always runs.
    /// </summary>
    /// <typeparam name="TRequest">The server's request type.</typeparam>
    public virtual void process_request_thread<TRequest>(BaseServer<TRequest> server, TRequest request, SockAddr? client_address)
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            server.finish_request(request, client_address);
        }
        catch (Exception e)
        {
            server.HandleError(request, client_address, e);
        }
        finally
        {
            server.shutdown_request(request);
        }
    }

    /// <summary>_threads.join(): waits for every tracked (non-daemon) request thread; called by server_close().</summary>
    public void join()
    {
        List<Thread> all;
        lock (_gate)
        {
            all = [.. _threads];
            _threads.Clear();
        }

        foreach (var t in all)
        {
            if (t != Thread.CurrentThread)
            {
                t.Join();
            }
        }
    }

    /// <summary>Ends waits for a max_concurrent_requests slot (shutdown or cancellation).</summary>
    internal void WakeWaiters()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private void Run<TRequest>(BaseServer<TRequest> server, TRequest request, SockAddr? clientAddress)
    {
        try
        {
            process_request_thread(server, request, clientAddress);
        }
        catch (Exception e)
        {
            // An exception from shutdown_request or handle_error: Python's threading.excepthook prints it and the
            // process goes on; an unhandled exception would end a .NET process, so it is printed the same way.
            Console.Error.WriteLine($"Exception in thread {Thread.CurrentThread.Name}:\n{e}");
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _active--;
            Monitor.PulseAll(_gate);
        }
    }
}

/// <summary>
/// threading's default thread names: <c>Thread-N (target)</c>, N counting from 1 in the whole process
/// (threading's <c>_counter</c>). Only the threads PySocket starts count: a .NET program's own threads have no
/// Python name, so where Python would have counted the serve_forever thread (Thread-1) too, the numbers differ.
/// </summary>
internal static class ThreadNames
{
    private static int _counter;

    /// <summary>The next <c>Thread-N (target)</c> name.</summary>
    public static string Next(string target) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Thread-{Interlocked.Increment(ref _counter)} ({target})");
}

/// <summary>socketserver.ThreadingTCPServer: a <see cref="TCPServer"/> with a <see cref="ThreadingMixIn"/> (one thread per connection).</summary>
public class ThreadingTCPServer : TCPServer
{
    /// <summary>ThreadingTCPServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public ThreadingTCPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate) => mixin = new ThreadingMixIn();
}

/// <summary>socketserver.ThreadingUDPServer: a <see cref="UDPServer"/> with a <see cref="ThreadingMixIn"/> (one thread per datagram).</summary>
public class ThreadingUDPServer : UDPServer
{
    /// <summary>ThreadingUDPServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public ThreadingUDPServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate) => mixin = new ThreadingMixIn();
}

/// <summary>socketserver.ThreadingUnixStreamServer: a <see cref="UnixStreamServer"/> with a <see cref="ThreadingMixIn"/>.</summary>
public class ThreadingUnixStreamServer : UnixStreamServer
{
    /// <summary>ThreadingUnixStreamServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public ThreadingUnixStreamServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate) => mixin = new ThreadingMixIn();
}

/// <summary>socketserver.ThreadingUnixDatagramServer: a <see cref="UnixDatagramServer"/> with a <see cref="ThreadingMixIn"/>.</summary>
public class ThreadingUnixDatagramServer : UnixDatagramServer
{
    /// <summary>ThreadingUnixDatagramServer(server_address, RequestHandlerClass, bind_and_activate=True).</summary>
    public ThreadingUnixDatagramServer(SockAddr server_address, Func<BaseRequestHandler> RequestHandlerClass, bool bind_and_activate = true)
        : base(server_address, RequestHandlerClass, bind_and_activate) => mixin = new ThreadingMixIn();
}
