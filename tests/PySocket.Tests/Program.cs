using System;

namespace PySocket.Tests;

/// <summary>
/// The test assembly's entry point, used only as a child process by PlatformLayerTests:
/// <c>dotnet PySocket.Tests.dll --layer-probe</c> prints <c>PySocket.Platform.Layer</c>, or the exception's type and message
/// when the layer cannot be chosen (exit code 3).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is not ["--layer-probe"])
        {
            Console.Error.WriteLine("usage: PySocket.Tests --layer-probe");
            return 2;
        }

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
}
