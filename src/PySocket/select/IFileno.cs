namespace PySocket;

/// <summary>
/// An object with a <c>fileno()</c> method, as Python's <c>select</c> and <c>selectors</c> accept
/// ("a file descriptor or any object with a fileno() method"). <see cref="SocketObject"/>, the files
/// <c>makefile()</c> returns and the socketserver servers are recognised as they are; implement this
/// interface to pass any other object.
/// </summary>
public interface IFileno
{
    /// <summary>fileno(): the object's file descriptor (a socket's SOCKET handle on Windows).</summary>
    int fileno();
}
