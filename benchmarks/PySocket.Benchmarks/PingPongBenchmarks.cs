using System;
using BenchmarkDotNet.Attributes;
using NetSocket = System.Net.Sockets.Socket;

namespace PySocket.Benchmarks;

/// <summary>
/// 64-byte request/response on loopback TCP against a raw .NET echo thread: PySocket's sendall + recv_into
/// against raw Send + Receive. Target: PySocket latency at most 1.03x raw, 0 bytes allocated.
/// </summary>
[Config(typeof(BenchConfig))]
public class PingPongBenchmarks
{
    private const int Size = 64;
    private readonly byte[] _message = new byte[Size];
    private readonly byte[] _reply = new byte[Size];
    private NetSocket _raw = null!, _rawEcho = null!;
    private SocketObject _py = null!, _pyEcho = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_raw, _rawEcho) = Loopback.RawPair();
        (_py, _pyEcho) = Loopback.PyPair();
        Echo(_rawEcho);
        Echo(_pyEcho.NetSocket);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _rawEcho.Dispose();
        _py.Dispose();
        _pyEcho.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw Send+Receive 64 B")]
    public void Raw()
    {
        _raw.Send(_message);
        var got = 0;
        while (got < Size)
        {
            got += _raw.Receive(_reply.AsSpan(got));
        }
    }

    [Benchmark(Description = "PySocket sendall+recv_into 64 B")]
    public void Py()
    {
        _py.sendall(_message.AsSpan());
        var got = 0;
        while (got < Size)
        {
            got += _py.recv_into(_reply.AsSpan(got));
        }
    }

    private static void Echo(NetSocket s)
    {
        var buf = new byte[Size];
        Loopback.Background(() =>
        {
            while (true)
            {
                var got = 0;
                while (got < Size)
                {
                    var n = s.Receive(buf.AsSpan(got));
                    if (n == 0)
                    {
                        return;
                    }

                    got += n;
                }

                s.Send(buf);
            }
        });
    }
}
