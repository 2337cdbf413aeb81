namespace PySocket;

/// <summary>
/// The errno values the library uses, for the running OS (generated in Platform/Tables/Errno.g.cs from
/// platform-errno.tsv): Linux's and macOS's errno.h values; on Windows the <c>.errno</c> CPython's OSError carries for
/// the matching Winsock code (the WSA code itself, except six that drop 10000, as <c>PC/errmap.h</c> does).
/// </summary>
internal static partial class Errno
{
    /// <summary>CPython's <c>winerror_to_errno</c> for a Winsock code: WSAEINTR, WSAEBADF, WSAEACCES, WSAEFAULT, WSAEINVAL and
    /// WSAEMFILE become code − 10000; ERROR_NOT_ENOUGH_MEMORY (8) becomes ENOMEM; every other code is kept.</summary>
    internal static int FromWinError(int winerror) => winerror switch
    {
        10004 or 10009 or 10013 or 10014 or 10022 or 10024 => winerror - 10000,
        8 => 12,
        _ => winerror,
    };

    /// <summary>The Winsock code behind a Windows socket errno (the inverse of <see cref="FromWinError"/> on the WSA range),
    /// or null for an errno no Winsock code maps to (a C-runtime errno such as ENOENT).</summary>
    internal static int? ToWinError(int errno) => errno switch
    {
        4 or 9 or 13 or 14 or 22 or 24 => errno + 10000,
        >= 10000 and < 12000 => errno,
        _ => null,
    };
}
