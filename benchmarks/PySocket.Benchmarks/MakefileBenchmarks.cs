using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using NetSocket = System.Net.Sockets.Socket;

namespace PySocket.Benchmarks;

/// <summary>BenchmarkDotNet's short job (3 warm-ups, 3 iterations, one launch) with allocation counts: one run on a shared machine.</summary>
public sealed class ShortConfig : ManualConfig
{
    public ShortConfig()
    {
        AddJob(Job.ShortRun);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// Issue 10's makefile workloads over loopback TCP, each next to the best raw .NET way of doing the same work; the
/// CPython twin is benchmarks/python/makefile_bench.py and tools/bench-makefile.sh prints the three side by side.
/// Every read benchmark connects to a local raw .NET sender that sends its body and closes (so one operation is
/// one whole body, to EOF); the write benchmarks write into a connection a raw .NET thread drains.
/// </summary>
[Config(typeof(ShortConfig))]
public class MakefileBenchmarks
{
    /// <summary>The body read to EOF, by read(n) and by readinto (issue 10: a 50 MB HTTP body).</summary>
    public const int BodySize = 50_000_000;

    /// <summary>The line bodies: 16 MB of 80-byte lines (binary and UTF-8 text).</summary>
    public const int LinesSize = 16_000_000;

    /// <summary>One wfile.write.</summary>
    public const int WriteSize = 10 << 20;

    private const int ChunkSize = 64 * 1024;

    private readonly byte[] _chunk = new byte[ChunkSize];
    private readonly MemoryStream _sink = new();
    private Sender _body = null!;
    private Sender _lines = null!;
    private Sender _text = null!;
    private byte[] _writeBody = null!;
    private SocketObject _pyWriter = null!;
    private SocketObject _pyWriterPeer = null!;
    private NetSocket _rawWriterPeer = null!;
    private FileObject _wfile = null!;
    private NetSocket _rawWriter = null!;
    private NetworkStream _rawWriteStream = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = new byte[BodySize];
        new Random(42).NextBytes(body);
        _body = new Sender(body);
        _lines = new Sender(Lines(LinesSize, ascii: true));
        _text = new Sender(Lines(LinesSize, ascii: false));
        _writeBody = new byte[WriteSize];
        new Random(43).NextBytes(_writeBody);

        // The peers are fields: a collected SocketObject closes its descriptor (and the writer sees a reset).
        (_pyWriter, _pyWriterPeer) = Loopback.PyPair();
        Drain(_pyWriterPeer.NetSocket);
        _wfile = _pyWriter.makefile("wb");
        (_rawWriter, _rawWriterPeer) = Loopback.RawPair();
        Drain(_rawWriterPeer);
        _rawWriteStream = new NetworkStream(_rawWriter, ownsSocket: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _wfile.close();
        _pyWriter.close();
        _pyWriterPeer.close();
        _rawWriteStream.Dispose();
        _rawWriter.Dispose();
        _rawWriterPeer.Dispose();
        _body.Dispose();
        _lines.Dispose();
        _text.Dispose();
    }

    // ---- read() to EOF -------------------------------------------------------------------------------------

    [Benchmark(Description = "PySocket makefile('rb').read() 50 MB")]
    public int PyReadAll()
    {
        using var s = Socket.create_connection(("127.0.0.1", _body.Port));
        using var f = s.makefile("rb");
        byte[] data = f.read();
        return data.Length;
    }

    [Benchmark(Description = "raw CopyTo(new MemoryStream()).ToArray() 50 MB")]
    public int RawReadAllToArray()
    {
        // The same contract as read(): a new byte[] holding the body.
        using var s = _body.ConnectRaw();
        using var ns = new NetworkStream(s);
        using var ms = new MemoryStream();
        ns.CopyTo(ms, ChunkSize);
        return ms.ToArray().Length;
    }

    [Benchmark(Description = "raw CopyTo(reused MemoryStream) 50 MB (no result array)")]
    public long RawReadAll()
    {
        using var s = _body.ConnectRaw();
        using var ns = new NetworkStream(s);
        _sink.SetLength(0);
        ns.CopyTo(_sink, ChunkSize);
        return _sink.Length;
    }

    // ---- read(n) -------------------------------------------------------------------------------------------

    [Benchmark(Description = "PySocket read(65536) loop 50 MB")]
    public long PyReadN()
    {
        using var s = Socket.create_connection(("127.0.0.1", _body.Port));
        using var f = s.makefile("rb");
        long total = 0;
        while (true)
        {
            byte[] data = f.read(ChunkSize);
            if (data.Length == 0)
            {
                return total;
            }

            total += data.Length;
        }
    }

    [Benchmark(Description = "raw NetworkStream.ReadAtLeast(new byte[65536]) loop 50 MB")]
    public long RawReadN()
    {
        // The same contract as read(n): a new byte[] per call (readinto's raw twin below reuses one).
        using var s = _body.ConnectRaw();
        using var ns = new NetworkStream(s);
        long total = 0;
        while (true)
        {
            var n = ns.ReadAtLeast(new byte[ChunkSize], ChunkSize, throwOnEndOfStream: false);
            if (n == 0)
            {
                return total;
            }

            total += n;
        }
    }

    // ---- readinto ------------------------------------------------------------------------------------------

    [Benchmark(Description = "PySocket readinto(64 KiB) loop 50 MB")]
    public long PyReadInto()
    {
        using var s = Socket.create_connection(("127.0.0.1", _body.Port));
        using var f = s.makefile("rb");
        long total = 0;
        while (true)
        {
            var n = f.readinto(_chunk) ?? 0;
            if (n == 0)
            {
                return total;
            }

            total += n;
        }
    }

    [Benchmark(Description = "raw NetworkStream.ReadAtLeast(64 KiB) loop 50 MB")]
    public long RawReadInto()
    {
        using var s = _body.ConnectRaw();
        using var ns = new NetworkStream(s);
        long total = 0;
        while (true)
        {
            var n = ns.ReadAtLeast(_chunk, ChunkSize, throwOnEndOfStream: false);
            if (n == 0)
            {
                return total;
            }

            total += n;
        }
    }

    // ---- binary line iteration -----------------------------------------------------------------------------

    [Benchmark(Description = "PySocket for line in makefile('rb') 16 MB")]
    public long PyLines()
    {
        using var s = Socket.create_connection(("127.0.0.1", _lines.Port));
        using var f = s.makefile("rb");
        long total = 0;
        foreach (byte[] line in f)
        {
            total += line.Length;
        }

        return total;
    }

    [Benchmark(Description = "raw PipeReader line split (+ToArray) 16 MB")]
    public long RawPipeLines()
    {
        using var s = _lines.ConnectRaw();
        using var ns = new NetworkStream(s);
        var reader = PipeReader.Create(ns, new StreamPipeReaderOptions(bufferSize: ChunkSize, minimumReadSize: ChunkSize / 4));
        long total = 0;
        while (true)
        {
            var result = reader.ReadAsync().AsTask().GetAwaiter().GetResult();
            var buffer = result.Buffer;
            while (true)
            {
                var nl = buffer.PositionOf((byte)'\n');
                if (nl is null)
                {
                    break;
                }

                var end = buffer.GetPosition(1, nl.Value);
                var line = buffer.Slice(0, end).ToArray(); // a byte[] per line, as readline returns
                total += line.Length;
                buffer = buffer.Slice(end);
            }

            if (result.IsCompleted)
            {
                total += buffer.Length;
                reader.AdvanceTo(buffer.End);
                reader.Complete();
                return total;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    // ---- text line iteration -------------------------------------------------------------------------------

    [Benchmark(Description = "PySocket for line in makefile('r', utf-8) 16 MB")]
    public long PyTextLines()
    {
        using var s = Socket.create_connection(("127.0.0.1", _text.Port));
        using var t = s.makefile("r", encoding: "utf-8");
        long total = 0;
        foreach (string line in t)
        {
            total += line.Length;
        }

        return total;
    }

    [Benchmark(Description = "raw StreamReader.ReadLine (utf-8) 16 MB")]
    public long RawTextLines()
    {
        using var s = _text.ConnectRaw();
        using var ns = new NetworkStream(s);
        using var reader = new StreamReader(ns, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: ChunkSize);
        long total = 0;
        while (reader.ReadLine() is { } line)
        {
            total += line.Length + 1;
        }

        return total;
    }

    // ---- wfile.write of 10 MiB -----------------------------------------------------------------------------

    [Benchmark(Description = "PySocket makefile('wb').write 10 MiB")]
    public int PyWrite()
    {
        var n = _wfile.write(_writeBody);
        _wfile.flush();
        return n;
    }

    [Benchmark(Description = "PySocket sendall 10 MiB")]
    public void PySendall() => _pyWriter.sendall(_writeBody);

    [Benchmark(Description = "raw NetworkStream.Write 10 MiB")]
    public void RawWrite() => _rawWriteStream.Write(_writeBody);

    /// <summary>80-byte lines (ASCII, or UTF-8 text with a multi-byte character in each) filling <paramref name="size"/> bytes.</summary>
    public static byte[] Lines(int size, bool ascii)
    {
        var line = ascii
            ? Encoding.ASCII.GetBytes(new string('x', 79) + "\n")
            : Encoding.UTF8.GetBytes("caf\u00e9 na\u00efve \u20ac " + new string('y', 64) + "\n");
        var body = new byte[size / line.Length * line.Length];
        for (var at = 0; at < body.Length; at += line.Length)
        {
            line.CopyTo(body, at);
        }

        return body;
    }

    private static void Drain(NetSocket s) => Loopback.Background(() =>
    {
        var buffer = new byte[1 << 20];
        while (s.Receive(buffer) > 0)
        {
        }
    });

    /// <summary>A local raw .NET server that sends one body to each connection and closes it.</summary>
    private sealed class Sender : IDisposable
    {
        private readonly NetSocket _listener;
        private readonly byte[] _data;

        public Sender(byte[] data)
        {
            _data = data;
            _listener = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(16);
            Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
            Loopback.Background(Serve);
        }

        public int Port { get; }

        public NetSocket ConnectRaw()
        {
            var s = new NetSocket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Connect(IPAddress.Loopback, Port);
            return s;
        }

        public void Dispose() => _listener.Dispose();

        private void Serve()
        {
            while (true)
            {
                using var conn = _listener.Accept();
                ReadOnlySpan<byte> rest = _data;
                while (!rest.IsEmpty)
                {
                    rest = rest[conn.Send(rest)..];
                }

                conn.Shutdown(SocketShutdown.Send);
            }
        }
    }
}
