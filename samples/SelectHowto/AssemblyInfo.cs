using System.Runtime.Versioning;

// PySocket is marked linux-only until the portable layer lands (see README).
[assembly: SupportedOSPlatform("linux")]
