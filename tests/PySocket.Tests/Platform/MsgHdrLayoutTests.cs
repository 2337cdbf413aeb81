using System.Runtime.InteropServices;
using FluentAssertions;
using Xunit;

namespace PySocket.Tests.Platform;

/// <summary>
/// struct msghdr as the portable layer passes it to the C library's sendmsg/recvmsg on Unix. The Linux form runs
/// in every portable test here (ancillary data, SCM_RIGHTS, msg_flags); the macOS/BSD form cannot run here, so
/// its offsets are checked against the 64-bit layout of macOS's &lt;sys/socket.h&gt; (int msg_iovlen,
/// socklen_t msg_controllen).
/// </summary>
public sealed class MsgHdrLayoutTests
{
    private static int At<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    [Fact]
    public void Linux_msghdr_has_size_t_lengths_for_the_iovec_count_and_the_control_buffer()
    {
        (At<PortableInterop.LinuxMsgHdr>("Name"), At<PortableInterop.LinuxMsgHdr>("NameLen"), At<PortableInterop.LinuxMsgHdr>("Iov"),
            At<PortableInterop.LinuxMsgHdr>("IovLen"), At<PortableInterop.LinuxMsgHdr>("Control"), At<PortableInterop.LinuxMsgHdr>("ControlLen"),
            At<PortableInterop.LinuxMsgHdr>("Flags"), Marshal.SizeOf<PortableInterop.LinuxMsgHdr>())
            .Should().Be((0, 8, 16, 24, 32, 40, 48, 56));
    }

    [Fact]
    public void Macos_msghdr_has_an_int_iovec_count_and_a_socklen_control_length()
    {
        (At<PortableInterop.BsdMsgHdr>("Name"), At<PortableInterop.BsdMsgHdr>("NameLen"), At<PortableInterop.BsdMsgHdr>("Iov"),
            At<PortableInterop.BsdMsgHdr>("IovLen"), At<PortableInterop.BsdMsgHdr>("Control"), At<PortableInterop.BsdMsgHdr>("ControlLen"),
            At<PortableInterop.BsdMsgHdr>("Flags"), Marshal.SizeOf<PortableInterop.BsdMsgHdr>())
            .Should().Be((0, 8, 16, 24, 32, 40, 44, 48));
    }
}
