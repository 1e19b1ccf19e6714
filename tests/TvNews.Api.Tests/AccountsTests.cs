using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>API keys, users, password sign-in with cookie and anti-forgery, the audit log, and the hub's roles.</summary>
public sealed class AccountsTests(RoleKeysFixture fixture) : IClassFixture<RoleKeysFixture>
{
    private TvNewsApp App => fixture.App;

    private const string Password = "correct horse battery";

    [Fact]
    public async Task TheConfiguredKeyIsTheFirstAdminKey()
    {
        var keys = (await App.Producer().GetFromJsonAsync<KeyListDto>("/api/keys"))!.Keys;
        var configured = Assert.Single(keys, k => k.Label.StartsWith("configured key", StringComparison.Ordinal));
        Assert.Equal(("admin", null), (configured.Role, configured.RevokedAt));
        Assert.Equal(keys.Min(k => k.Id), configured.Id);
    }

    [Fact]
    public async Task AKeyIsShownOnceStoredHashedAndCarriesItsRole()
    {
        var created = await RoleKeysFixture.CreateKeyAsync(App, "viewer", "wall screen");
        Assert.StartsWith("tvn_", created.Key, StringComparison.Ordinal);
        Assert.Equal(("wall screen", "viewer"), (created.Label, created.Role));

        var list = await App.Producer().GetStringAsync("/api/keys");
        Assert.Contains("wall screen", list, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, list, StringComparison.Ordinal);
        Assert.DoesNotContain("\"key\"", list, StringComparison.Ordinal);

        await using (var connection = new NpgsqlConnection(App.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select key_hash, row_to_json(k)::text from api_keys k where id = @id", connection);
            command.Parameters.AddWithValue("id", created.Id);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)), (byte[])reader[0]);
            Assert.DoesNotContain(created.Key[4..], reader.GetString(1), StringComparison.Ordinal);
        }

        var client = KeyClient(created.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(new SessionDto("wall screen", "viewer"), await client.GetFromJsonAsync<SessionDto>("/api/auth/me"));
        using var content = new StringContent(TestArticles.Small, Encoding.UTF8, "text/plain");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", content)).StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyGets401()
    {
        var created = await RoleKeysFixture.CreateKeyAsync(App, "producer", "old laptop");
        var client = KeyClient(created.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode); // cached as valid now

        Assert.Equal(HttpStatusCode.NoContent, (await App.Producer().DeleteAsync($"/api/keys/{created.Id}")).StatusCode);
        var after = await client.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.Content.ReadFromJsonAsync<ProblemDto>())!.Detail, StringComparison.Ordinal);
        var listed = (await App.Producer().GetFromJsonAsync<KeyListDto>("/api/keys"))!.Keys.Single(k => k.Id == created.Id);
        Assert.NotNull(listed.RevokedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Producer().DeleteAsync("/api/keys/987654321")).StatusCode);
    }

    [Fact]
    public async Task ABadKeyOrUserIsAValidationProblemNamingTheFieldsAndWritesNothing()
    {
        var keysBefore = await App.Database.CountAsync("api_keys");
        var key = await App.Producer().PostAsJsonAsync("/api/keys", new { label = "", role = "superuser" });
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        var keyErrors = (await key.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors;
        Assert.Equal(["label", "role"], keyErrors.Keys.Order());

        var user = await App.Producer().PostAsJsonAsync("/api/users", new { username = "a b", password = "short", role = "editor" });
        Assert.Equal(HttpStatusCode.BadRequest, user.StatusCode);
        Assert.Equal(["password", "username"], (await user.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors.Keys.Order());
        Assert.Equal(keysBefore, await App.Database.CountAsync("api_keys"));
        Assert.Equal(0, await CountAuditAsync("user.create", "a b"));
    }

    [Fact]
    public async Task AUsernameIsTakenOnceIgnoringCase()
    {
        await CreateUserAsync("Dana", "editor");
        var again = await App.Producer().PostAsJsonAsync("/api/users", new { username = "DANA", password = Password, role = "viewer" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var users = await App.Producer().GetStringAsync("/api/users");
        Assert.DoesNotContain("password", users, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AQAAAA", users, StringComparison.Ordinal); // the PasswordHasher v3 prefix
    }

    [Fact]
    public async Task PasswordsAreStoredAsPasswordHasherHashes()
    {
        var user = await CreateUserAsync("hash-check", "viewer");
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select password_hash from users where id = @id", connection);
        command.Parameters.AddWithValue("id", user.Id);
        var hash = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]); // format marker of ASP.NET Core Identity v3 (PBKDF2)
    }

    [Fact]
    public async Task SignInNeedsTheAntiforgeryTokenAndSetsTheCookie()
    {
        await CreateUserAsync("ana", "producer");
        var browser = new Browser(App);

        var noToken = await browser.Client.PostAsJsonAsync("/api/auth/login", new { username = "ana", password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("X-XSRF-TOKEN", (await noToken.Content.ReadFromJsonAsync<ProblemDto>())!.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("ana", "wrong password!")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("nobody", Password)).StatusCode);
        var ok = await browser.LoginAsync("ANA", Password);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new SessionDto("ana", "producer"), await ok.Content.ReadFromJsonAsync<SessionDto>());
        var setCookie = string.Join(";", ok.Headers.GetValues("Set-Cookie"));
        Assert.Contains("tvnews.auth=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(new SessionDto("ana", "producer"), await browser.Client.GetFromJsonAsync<SessionDto>("/api/auth/me"));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task ACookieWriteWithoutTheAntiforgeryTokenIsRejectedAndWithItAccepted()
    {
        await CreateUserAsync("boss", "admin");
        var browser = new Browser(App);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("boss", Password)).StatusCode);
        var keysBefore = await App.Database.CountAsync("api_keys");

        var without = await browser.Client.PostAsJsonAsync("/api/keys", new { label = "from the page", role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal("Anti-forgery token missing or invalid", (await without.Content.ReadFromJsonAsync<ProblemDto>())!.Title);
        Assert.Equal(keysBefore, await App.Database.CountAsync("api_keys"));

        // The token from before signing in belongs to the anonymous caller: it no longer fits.
        var stale = await browser.PostWithTokenAsync("/api/keys", new { label = "from the page", role = "viewer" }, browser.LastToken!);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);

        var token = await browser.TokenAsync();
        var with = await browser.PostWithTokenAsync("/api/keys", new { label = "from the page", role = "viewer" }, token);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
        Assert.Equal(keysBefore + 1, await App.Database.CountAsync("api_keys"));
        var created = (await with.Content.ReadFromJsonAsync<KeyCreatedDto>())!;
        var entry = (await AuditAsync($"?targetType=apikey&targetId={created.Id}")).Single();
        Assert.Equal(("apikey.create", "boss", "admin"), (entry.Action, entry.ActorName, entry.ActorRole));
        Assert.StartsWith("user:", entry.ActorId, StringComparison.Ordinal);

        // Logout is a write too; afterwards the cookie no longer signs anything in.
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-XSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task ADisabledUserCannotSignInAndLosesTheirSessionAtOnce()
    {
        var user = await CreateUserAsync("carl", "editor");
        var browser = new Browser(App);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("carl", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/auth/me")).StatusCode);

        var disable = await App.Producer().PutAsJsonAsync($"/api/users/{user.Id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/api/auth/me")).StatusCode);

        var again = await new Browser(App).LoginAsync("carl", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("disabled", (await again.Content.ReadFromJsonAsync<ProblemDto>())!.Detail, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await App.Producer().PutAsJsonAsync($"/api/users/{user.Id}", new { disabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(App).LoginAsync("carl", Password)).StatusCode);
    }

    [Fact]
    public async Task ARoleOrPasswordChangeTakesEffectForTheUser()
    {
        var user = await CreateUserAsync("erin", "viewer");
        var browser = new Browser(App);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("erin", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync("/api/audit")).StatusCode);

        var update = await App.Producer().PutAsJsonAsync($"/api/users/{user.Id}", new { role = "admin", password = "a new long password" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new Browser(App).LoginAsync("erin", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new Browser(App).LoginAsync("erin", "a new long password")).StatusCode);

        var entry = (await AuditAsync($"?targetType=user&targetId={user.Id}")).First();
        Assert.Equal("user.update", entry.Action);
        var details = entry.Details!.Value.GetRawText();
        Assert.Contains("\"passwordChanged\":true", details, StringComparison.Ordinal);
        Assert.DoesNotContain("a new long password", details, StringComparison.Ordinal);

        // A signed-in admin may not lock themselves out.
        var token = await browser.TokenAsync();
        using var demote = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{user.Id}") { Content = JsonContent.Create(new { disabled = true }) };
        demote.Headers.Add("X-XSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.Conflict, (await browser.Client.SendAsync(demote)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Producer().PutAsJsonAsync("/api/users/987654321", new { disabled = true })).StatusCode);
    }

    [Fact]
    public async Task ProducerActionsAreAuditedInTheirTransactionAndOnlyAdminsReadTheLog()
    {
        using var content = new StringContent(TestArticles.Small, Encoding.UTF8, "text/plain");
        var ingest = await fixture.As("producer").PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles?publish=false", content);
        Assert.True(ingest.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
        var storyId = (await ingest.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;

        var slides = new { slides = new object[] { new { kind = "Title", text = "FERRIES ARE BACK" }, new { kind = "Outro", text = "That was the news" } } };
        Assert.Equal(HttpStatusCode.OK, (await fixture.As("producer").PutAsJsonAsync($"/api/stories/{storyId}/slides", slides)).StatusCode);
        // A rejected edit leaves no entry.
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.As("producer").PutAsJsonAsync($"/api/stories/{storyId}/slides", new { slides = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.As("producer").DeleteAsync($"/api/stories/{storyId}/slides")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.As("editor").PutAsync($"/api/stories/{storyId}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.As("editor").DeleteAsync($"/api/stories/{storyId}/lock")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.As("editor").PutAsync($"/api/stories/{Guid.NewGuid()}/lock", null)).StatusCode);

        var entries = await AuditAsync($"?targetType=story&targetId={storyId}");
        Assert.Equal(["story.lock", "story.lock", "story.slides", "story.slides", "article.ingest"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(TvNewsApp.ChannelId, e.ChannelId));
        Assert.Equal(["editor key", "editor key", "producer key", "producer key", "producer key"], entries.Select(e => e.ActorName));
        Assert.Equal(["editor", "editor", "producer", "producer", "producer"], entries.Select(e => e.ActorRole));
        Assert.Equal("{\"locked\":false}", entries[0].Details!.Value.GetRawText());
        Assert.StartsWith("key:", entries[^1].ActorId, StringComparison.Ordinal);

        // Paging: newest first, then what came before the last one seen.
        var page = await AuditAsync($"?targetType=story&targetId={storyId}&limit=2");
        Assert.Equal(entries.Take(2).Select(e => e.Id), page.Select(e => e.Id));
        var next = await AuditAsync($"?targetType=story&targetId={storyId}&limit=2&before={page[^1].Id}");
        Assert.Equal(entries.Skip(2).Take(2).Select(e => e.Id), next.Select(e => e.Id));
        var bad = await App.Producer().GetAsync("/api/audit?limit=0&before=x");
        Assert.Equal(["before", "limit"], (await bad.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors.Keys.Order());

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.As("editor").GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task AnonymousHubClientsMaySubscribeButNotSubscribeProducer()
    {
        await using var anonymous = Hub(null);
        await anonymous.StartAsync();
        await anonymous.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        var error = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId));
        Assert.Contains("viewer", error.Message, StringComparison.Ordinal);

        await using var viewer = Hub(new() { ["X-Api-Key"] = fixture.Keys["viewer"] });
        await viewer.StartAsync();
        await viewer.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);

        await CreateUserAsync("hub-user", "viewer");
        var browser = new Browser(App);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("hub-user", Password)).StatusCode);
        await using var signedIn = Hub(new() { ["Cookie"] = browser.CookieHeader });
        await signedIn.StartAsync();
        await signedIn.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);
    }

    [Fact]
    public async Task TheCreateAdminCommandMakesTheFirstSignedInAdminWithoutAKey()
    {
        var connection = "--ConnectionStrings:TvNews=" + App.Database.ConnectionString;
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TvNews.Api.Startup.CreateAdminCommand.RunAsync(["create-admin", "--username", "Root", "--password-stdin", connection],
            new StringReader(Password + "\n"), output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("'root' with role admin", output.ToString(), StringComparison.Ordinal);

        var browser = new Browser(App);
        var login = await browser.LoginAsync("root", Password);
        Assert.Equal(new SessionDto("root", "admin"), await login.Content.ReadFromJsonAsync<SessionDto>());
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/api/users")).StatusCode);

        // Again: the name is taken. A short password or a missing flag is refused before touching the database.
        Assert.Equal(1, await TvNews.Api.Startup.CreateAdminCommand.RunAsync(["create-admin", "--username", "root", "--password-stdin", connection],
            new StringReader(Password), TextWriter.Null, TextWriter.Null));
        Assert.Equal(1, await TvNews.Api.Startup.CreateAdminCommand.RunAsync(["create-admin", "--username", "other", "--password-stdin", connection],
            new StringReader("short"), TextWriter.Null, TextWriter.Null));
        Assert.Equal(2, await TvNews.Api.Startup.CreateAdminCommand.RunAsync(["create-admin", "--username", "other"],
            new StringReader(Password), TextWriter.Null, TextWriter.Null));
        var entry = (await AuditAsync("?targetType=user")).First(e => e.Action == "user.create" && e.ActorId == "system");
        Assert.Contains("root", entry.Details!.Value.GetRawText(), StringComparison.Ordinal);
    }

    private HubConnection Hub(Dictionary<string, string>? headers)
    {
        var server = App.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/newsroom"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (ctx, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = r =>
                    {
                        foreach (var (name, value) in headers ?? []) r.Headers[name] = value;
                    };
                    return await client.ConnectAsync(ctx.Uri, ct);
                };
            })
            .Build();
    }

    private HttpClient KeyClient(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<UserDto> CreateUserAsync(string username, string role)
    {
        var response = await App.Producer().PostAsJsonAsync("/api/users", new { username, password = Password, role });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var user = (await response.Content.ReadFromJsonAsync<UserDto>())!;
        Assert.Equal((username.ToLowerInvariant(), role), (user.Username, user.Role));
        Assert.Equal($"/api/users/{user.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, await CountAuditAsync("user.create", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return user;
    }

    private async Task<List<AuditEntryDto>> AuditAsync(string query)
    {
        var response = await App.Producer().GetAsync("/api/audit" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AuditListDto>())!.Entries;
    }

    private async Task<long> CountAuditAsync(string action, string targetId)
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from audit_log where action = @action and target_id = @targetId", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("targetId", targetId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A browser at the web page: keeps cookies, sends the anti-forgery header only when told to.</summary>
    private sealed class Browser
    {
        private readonly CookieContainer _cookies = new();
        private readonly Uri _base;

        public Browser(TvNewsApp app)
        {
            Client = app.CreateDefaultClient(new CookieContainerHandler(_cookies));
            _base = Client.BaseAddress!;
        }

        public HttpClient Client { get; }

        public string? LastToken { get; private set; }

        public string CookieHeader => _cookies.GetCookieHeader(_base);

        public async Task<string> TokenAsync()
        {
            var view = (await Client.GetFromJsonAsync<AntiforgeryDto>("/api/auth/antiforgery"))!;
            Assert.Equal("X-XSRF-TOKEN", view.HeaderName);
            return LastToken = view.Token;
        }

        public async Task<HttpResponseMessage> LoginAsync(string username, string password) =>
            await PostWithTokenAsync("/api/auth/login", new { username, password }, await TokenAsync());

        public async Task<HttpResponseMessage> PostWithTokenAsync(string url, object body, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-XSRF-TOKEN", token);
            return await Client.SendAsync(request);
        }
    }
}
