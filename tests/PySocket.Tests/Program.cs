using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace PySocket.Tests;

/// <summary>
/// The test assembly's entry point, used only as a child process: <c>dotnet PySocket.Tests.dll --layer-probe</c>
/// (PlatformLayerTests) prints <c>PySocket.Platform.Layer</c>, or the exception's type and message when the
/// layer cannot be chosen (exit code 3); <c>--forgetful-loop N</c> (DescriptorExhaustionTests, run under a low
/// <c>ulimit -n</c>) opens N sockets, N socketpairs and N accepted connections without closing any and prints
/// "ok N", or the exception (exit code 3).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args)
        {
            case ["--layer-probe"]:
                return LayerProbe();
            case ["--forgetful-loop", var count]:
                return ForgetfulLoop(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine("usage: PySocket.Tests --layer-probe | --forgetful-loop N");
                return 2;
        }
    }

    private static int LayerProbe()
    {
        try
        {
            Console.WriteLine(global::PySocket.Platform.Layer);
            using var s = Socket.socket();
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine($"{e.GetType().FullName}: {e.Message}");
            return 3;
        }
    }

    // A Python loop that forgets close() works because CPython closes on the last reference; here each
    // dropped socket waits for the collector, which socket()/socketpair()/accept() run when descriptors run out.
    // The loop ends with the table nearly full of garbage, and the harness's own calls (Console's first write
    // dups stdout, an assembly load opens its file, Directory.Delete opens the directory) do not retry: so the
    // outcome is kept as a string, the garbage collected, and only then is anything written or deleted.
    private static int ForgetfulLoop(int count)
    {
        var dir = Path.Combine(Path.GetTempPath(), "pysocket-fd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        string outcome;
        var exitCode = 0;
        try
        {
            RunForgetfulLoop(dir, count);
            outcome = $"ok {count}";
        }
        catch (Exception e)
        {
            outcome = e.GetType().FullName + ": " + e.Message + Environment.NewLine + e.StackTrace;
            exitCode = 3;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine(outcome);
        Directory.Delete(dir, recursive: true);
        return exitCode;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunForgetfulLoop(string dir, int count)
    {
        using var listener = Socket.socket(Socket.AF_UNIX);
        listener.bind(Path.Combine(dir, "l"));
        listener.listen(count);
        listener.settimeout(5);
        for (var i = 0; i < count; i++)
        {
            Forget(Socket.socket());
            Forget(Socket.socketpair());
            Connect(listener);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Connect(SocketObject listener)
    {
        var client = Socket.socket(Socket.AF_UNIX);
        client.settimeout(5);
        client.connect(listener.getsockname());
        Forget(listener.accept());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Forget<T>(T value) => GC.KeepAlive(value);
}
