using System.Net;
using System.Net.Sockets;

namespace TvNews.Ingest.Web;

/// <summary>
/// Refuses outbound connections to addresses a fetch must never reach on a producer's say-so (SSRF): loopback,
/// private and shared ranges, link-local (where cloud metadata services live), multicast and unspecified.
/// </summary>
public static class AddressGuard
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),   // carrier-grade NAT; also Alibaba's metadata 100.100.100.200
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),  // link-local: AWS/GCP/Azure metadata 169.254.169.254
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 4),
        (IPAddress.Parse("240.0.0.0"), 4),
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("fc00::"), 7),    // unique local, including AWS's fd00:ec2::254
        (IPAddress.Parse("fe80::"), 10),   // link-local
        (IPAddress.Parse("ff00::"), 8),    // multicast
        (IPAddress.Parse("64:ff9b::"), 96),
    ];

    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var ranges = address.AddressFamily == AddressFamily.InterNetwork ? BlockedV4 : BlockedV6;
        return ranges.Any(r => InRange(address, r.Network, r.Prefix));
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != n[i]) return false;
        }
        var rest = prefix % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }
}

/// <summary>A fetch was refused because the host resolves to a blocked address and is not allowed by configuration.</summary>
public sealed class BlockedAddressException(string host, IPAddress address)
    : Exception($"Refused to fetch from {host}: it resolves to {address}, a private, loopback or link-local address.")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;

    /// <summary>The refusal anywhere in an exception's inner chain (HttpClient and the resilience pipeline wrap it).</summary>
    public static BlockedAddressException? FindIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException blocked) return blocked;
        }
        return null;
    }
}
