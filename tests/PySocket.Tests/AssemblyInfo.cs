using System.Runtime.Versioning;

// PySocket supports Linux only; so do its tests.
[assembly: SupportedOSPlatform("linux")]
