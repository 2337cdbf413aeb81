using System.Runtime.Versioning;

// The platform layer calls glibc directly with Linux's structure layouts and constants.
[assembly: SupportedOSPlatform("linux")]
