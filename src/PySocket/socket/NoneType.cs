namespace PySocket;

/// <summary>
/// NoneType: the type of Python's None where an API takes None in a position that no other value fits, such as
/// <c>setsockopt(level, optname, None, optlen)</c>. It has no instances, so the only value a
/// <c>NoneType?</c> parameter takes is <c>null</c>: <c>s.setsockopt(SOL_ALG, ALG_SET_AEAD_AUTHSIZE, null, 4)</c>
/// compiles, and passing bytes or an int there (Python's TypeError) does not.
/// </summary>
public sealed class NoneType
{
    private NoneType()
    {
    }
}
