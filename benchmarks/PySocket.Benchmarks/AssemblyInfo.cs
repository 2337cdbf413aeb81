using System.Runtime.Versioning;

// PySocket supports Linux only; so do its benchmarks.
[assembly: SupportedOSPlatform("linux")]
