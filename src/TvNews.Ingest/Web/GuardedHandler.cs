using System.Net;
using System.Net.Sockets;

namespace TvNews.Ingest.Web;

/// <summary>
/// The primary handler for every outbound fetch. It resolves the host itself and connects to the address it
/// checked, so a DNS answer cannot change between check and connect, and every redirect's host is checked too.
/// Hosts allowed by configuration (global, or the channel's manifest) skip the address check.
/// </summary>
public static class GuardedHandler
{
    public static readonly HttpRequestOptionsKey<IReadOnlySet<string>> AllowedHostsKey = new("TvNews.AllowedHosts");

    public static SocketsHttpHandler Create(IReadOnlySet<string> globallyAllowedHosts, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var allowed = globallyAllowedHosts.Contains(host) ||
                          (context.InitialRequestMessage.Options.TryGetValue(AllowedHostsKey, out var perRequest) && perRequest.Contains(host));
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (addresses.Length == 0) throw new HttpRequestException($"{host} does not resolve.");
            if (!allowed && addresses.FirstOrDefault(AddressGuard.IsBlocked) is { } blocked)
                throw new BlockedAddressException(host, blocked);

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
