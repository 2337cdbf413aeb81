// The port of select_howto.py (next to this file), line for line.
// Usage: SelectHowto NCONNS (serves NCONNS connections, then exits)
using System;
using System.Collections.Generic;
using System.Globalization;
using PySocket;
using static PySocket.Select;
using static PySocket.Socket;

var server = socket(AF_INET, SOCK_STREAM);
server.setblocking(false);
server.bind(("127.0.0.1", 0));
server.listen(128);  // the HOWTO has 5; 128 lets a burst of clients queue while the loop warms up
Console.WriteLine($"Listening on {server.getsockname()}");
Console.Out.Flush();
var inputs = new List<SocketObject> { server };
var outputs = new List<SocketObject>();
var message_queues = new Dictionary<SocketObject, Queue<byte[]>>();
var remaining = int.Parse(args[0], CultureInfo.InvariantCulture);
while (inputs.Count > 0)
{
    var (readable, writable, exceptional) = select(inputs, outputs, inputs, 5.0);
    if (!(readable.Count > 0 || writable.Count > 0 || exceptional.Count > 0))
    {
        Console.WriteLine("timed out");
        break;
    }

    foreach (var s in readable)
    {
        if (s == server)
        {
            var (connection, client_address) = s.accept();
            connection.setblocking(false);
            inputs.Add(connection);
            message_queues[connection] = new Queue<byte[]>();
        }
        else
        {
            var data = s.recv(1024);
            if (data.Length > 0)
            {
                message_queues[s].Enqueue(data);
                if (!outputs.Contains(s))
                {
                    outputs.Add(s);
                }
            }
            else
            {
                outputs.Remove(s);
                inputs.Remove(s);
                s.close();
                message_queues.Remove(s);
                remaining -= 1;
                if (remaining == 0)
                {
                    inputs.Remove(server);
                    server.close();
                }
            }
        }
    }

    foreach (var s in writable)
    {
        if (!message_queues.TryGetValue(s, out var q))  // closed by the readable pass above (the peer hung up)
        {
            continue;
        }

        if (!q.TryDequeue(out var next_msg))
        {
            outputs.Remove(s);
        }
        else
        {
            s.send(next_msg);
        }
    }

    foreach (var s in exceptional)
    {
        if (!inputs.Contains(s))  // closed by a pass above
        {
            continue;
        }

        inputs.Remove(s);
        outputs.Remove(s);
        s.close();
        message_queues.Remove(s);
    }
}

Console.WriteLine("Served all connections");
