using System.ComponentModel;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console.Cli;

namespace TvNews.Cli;

public class ServerSettings : CommandSettings
{
    [CommandOption("--server <URL>")]
    [Description("TvNews server (default: $TVNEWS_SERVER, else http://127.0.0.1:5080).")]
    public string? Server { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("API key sent as X-Api-Key (default: $TVNEWS_API_KEY).")]
    public string? Key { get; init; }

    public Uri ServerUri => new((Server ?? Environment.GetEnvironmentVariable("TVNEWS_SERVER") ?? "http://127.0.0.1:5080").TrimEnd('/') + "/");

    public string? ApiKey => Key ?? Environment.GetEnvironmentVariable("TVNEWS_API_KEY");
}

/// <summary>How commands reach the server: over the network, or in tests through the in-process test server.</summary>
public interface IBackend
{
    HttpClient Client(ServerSettings settings);

    HubConnection Hub(ServerSettings settings);
}

public static class Backend
{
    public static readonly IBackend Http = new HttpBackend();

    private sealed class HttpBackend : IBackend
    {
        public HttpClient Client(ServerSettings settings)
        {
            var client = new HttpClient { BaseAddress = settings.ServerUri, Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("tvnews-cli", "1"));
            if (settings.ApiKey is { Length: > 0 } key) client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }

        public HubConnection Hub(ServerSettings settings) =>
            new HubConnectionBuilder()
                .WithUrl(new Uri(settings.ServerUri, "hubs/newsroom"), o =>
                {
                    if (settings.ApiKey is { Length: > 0 } key) o.Headers["X-Api-Key"] = key;
                })
                .Build();
    }
}
