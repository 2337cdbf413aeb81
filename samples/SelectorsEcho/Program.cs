// The port of selectors_echo.py (next to this file), line for line.
// Usage: SelectorsEcho server NCONNS | SelectorsEcho client HOST PORT NCONNS
using System;
using System.Collections.Generic;
using System.Linq;
using PySocket;
using static PySocket.Selectors;
using static PySocket.Socket;

var sel = new DefaultSelector();
var messages = new List<byte[]> { "Message 1 from client."u8.ToArray(), "Message 2 from client."u8.ToArray() };

void accept_wrapper(SocketObject sock)
{
    var (conn, addr) = sock.accept();  // Should be ready to read
    conn.setblocking(false);
    var data = new ServerData(addr!);
    var events = EVENT_READ | EVENT_WRITE;
    sel.register(conn, events, data: data);
}

int service_server_connection(SelectorKey key, int mask)
{
    var sock = (SocketObject)key.fileobj;
    var data = (ServerData)key.data!;
    if ((mask & EVENT_READ) != 0)
    {
        var recv_data = sock.recv(1024);  // Should be ready to read
        if (recv_data.Length > 0)
        {
            data.outb = [.. data.outb, .. recv_data];
        }
        else
        {
            sel.unregister(sock);
            sock.close();
            return 1;
        }
    }

    if ((mask & EVENT_WRITE) != 0)
    {
        if (data.outb.Length > 0)
        {
            var sent = sock.send(data.outb);  // Should be ready to write
            data.outb = data.outb[sent..];
        }
    }

    return 0;
}

void server(int num_conns)
{
    var lsock = socket(AF_INET, SOCK_STREAM);
    lsock.bind(("127.0.0.1", 0));
    lsock.listen();
    Console.WriteLine($"Listening on {lsock.getsockname()}");
    Console.Out.Flush();
    lsock.setblocking(false);
    sel.register(lsock, EVENT_READ, data: null);
    var closed = 0;
    while (closed < num_conns)
    {
        var events = sel.select(timeout: null);
        foreach (var (key, mask) in events)
        {
            if (key.data is null)
            {
                accept_wrapper((SocketObject)key.fileobj);
            }
            else
            {
                closed += service_server_connection(key, mask);
            }
        }
    }

    sel.unregister(lsock);
    lsock.close();
    sel.close();
    Console.WriteLine($"Served {closed} connections");
}

void start_connections(string host, int port, int num_conns)
{
    var server_addr = (host, port);
    for (var i = 0; i < num_conns; i++)
    {
        var connid = i + 1;
        var sock = socket(AF_INET, SOCK_STREAM);
        sock.setblocking(false);
        sock.connect_ex(server_addr);
        var events = EVENT_READ | EVENT_WRITE;
        var data = new ClientData(connid, messages.Sum(m => m.Length), new Queue<byte[]>(messages));
        sel.register(sock, events, data: data);
    }
}

void service_client_connection(SelectorKey key, int mask)
{
    var sock = (SocketObject)key.fileobj;
    var data = (ClientData)key.data!;
    if ((mask & EVENT_READ) != 0)
    {
        var recv_data = sock.recv(1024);  // Should be ready to read
        if (recv_data.Length > 0)
        {
            data.recv_total += recv_data.Length;
            data.received = [.. data.received, .. recv_data];
        }

        if (recv_data.Length == 0 || data.recv_total == data.msg_total)
        {
            Console.WriteLine($"Closing connection {data.connid}: received {PyBytes(data.received)}");
            sel.unregister(sock);
            sock.close();
        }
    }

    if ((mask & EVENT_WRITE) != 0)
    {
        if (data.outb.Length == 0 && data.messages.Count > 0)
        {
            data.outb = data.messages.Dequeue();
        }

        if (data.outb.Length > 0)
        {
            var sent = sock.send(data.outb);  // Should be ready to write
            data.outb = data.outb[sent..];
        }
    }
}

void client(string host, int port, int num_conns)
{
    start_connections(host, port, num_conns);
    while (true)
    {
        var events = sel.select(timeout: 1);
        foreach (var (key, mask) in events)
        {
            service_client_connection(key, mask);
        }

        // Check for a socket being monitored to continue.
        if (sel.get_map()!.Count == 0)
        {
            break;
        }
    }

    sel.close();
}

// repr(bytes) for the printable ASCII these messages are made of.
static string PyBytes(byte[] b) => "b'" + System.Text.Encoding.ASCII.GetString(b) + "'";

if (args[0] == "server")
{
    server(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
}
else
{
    client(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The server's per-connection data (Python's SimpleNamespace(addr, inb, outb)).</summary>
internal sealed class ServerData(SockAddr addr)
{
    public SockAddr addr { get; } = addr;

    public byte[] outb { get; set; } = [];
}

/// <summary>The client's per-connection data (Python's SimpleNamespace).</summary>
internal sealed class ClientData(int connid, int msg_total, Queue<byte[]> messages)
{
    public int connid { get; } = connid;

    public int msg_total { get; } = msg_total;

    public int recv_total { get; set; }

    public byte[] received { get; set; } = [];

    public Queue<byte[]> messages { get; } = messages;

    public byte[] outb { get; set; } = [];
}
