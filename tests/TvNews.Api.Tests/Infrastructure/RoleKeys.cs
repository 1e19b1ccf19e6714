using System.Net;
using System.Net.Http.Json;

namespace TvNews.Api.Tests.Infrastructure;

public sealed record KeyCreatedDto(long Id, string Key, string Label, string Role, DateTimeOffset CreatedAt);

public sealed record KeyDto(long Id, string Label, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record KeyListDto(List<KeyDto> Keys);

public sealed record UserDto(long Id, string Username, string Role, DateTimeOffset CreatedAt, bool Disabled = false);

public sealed record SessionDto(string Username, string Role);

public sealed record AntiforgeryDto(string Token, string HeaderName);

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorId, string ActorName, string? ActorRole, string Action,
    string? TargetType, string? TargetId, string? ChannelId, System.Text.Json.JsonElement? Details);

public sealed record AuditListDto(List<AuditEntryDto> Entries);

/// <summary>One app for a test class, with an API key per role (admin is the configured key).</summary>
public sealed class RoleKeysFixture : IAsyncLifetime
{
    public TvNewsApp App { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Keys { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Nothing here needs a render: no worker, so no ffmpeg competes with the requests.
        App = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["Render:Worker"] = "false", ["Sources:Worker"] = "false" });
        var keys = new Dictionary<string, string> { ["admin"] = TvNewsApp.ApiKey };
        foreach (var role in new[] { "viewer", "producer", "editor" })
            keys[role] = (await CreateKeyAsync(App, role, $"{role} key")).Key;
        Keys = keys;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public HttpClient As(string role)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Keys[role]);
        return client;
    }

    public static async Task<KeyCreatedDto> CreateKeyAsync(TvNewsApp app, string role, string label)
    {
        var response = await app.Producer().PostAsJsonAsync("/api/keys", new { label, role });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<KeyCreatedDto>())!;
    }
}
