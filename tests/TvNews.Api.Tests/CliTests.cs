using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Cli;

namespace TvNews.Api.Tests;

/// <summary>The <c>tvnews</c> command line against the real app (through the test server instead of a socket).</summary>
public sealed class CliTests : IAsyncLifetime
{
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed class TestBackend(TvNewsApp app) : IBackend
    {
        public HttpClient Client(ServerSettings settings)
        {
            var client = app.CreateClient();
            if (settings.ApiKey is { Length: > 0 } key) client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }

        public HubConnection Hub(ServerSettings settings) => app.Hub(apiKey: settings.ApiKey);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var exit = await CliApp.RunAsync(args, new TestBackend(_app), console, CancellationToken.None);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task ValidateFindsTheCheckedInManifestsClean()
    {
        var (exit, output) = await RunAsync("validate", "--manifests", Path.Combine(RepoPaths.Root, "channel-manifests"),
            "--site-rules", Path.Combine(RepoPaths.Root, "site-rules"), "--media", Path.Combine(RepoPaths.Root, "media"));
        Assert.True(exit == 0, output);
        Assert.Contains("sample-news.json", output);
        Assert.Contains("no problems", output);
    }

    [Fact]
    public async Task ValidateFailsOnABrokenManifestAndNamesItsFile()
    {
        var folder = Directory.CreateTempSubdirectory("tvnews-cli-manifests-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "broken-news.json"), """{ "id": "broken-news", "name": "" }""");
            var (exit, output) = await RunAsync("validate", "--manifests", folder, "--site-rules", Path.Combine(RepoPaths.Root, "site-rules"),
                "--media", Path.Combine(RepoPaths.Root, "media"));
            Assert.Equal(1, exit);
            Assert.Contains("broken-news.json", output);
            Assert.DoesNotContain("no problems", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task IngestAFileThenRenderItWithProgressUntilDone()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("tvnews-cli-").FullName, "ferry.txt");
        await File.WriteAllTextAsync(file, TestArticles.Small);

        var (exit, output) = await RunAsync("ingest", file, "--channel", TvNewsApp.ChannelId, "--key", TvNewsApp.ApiKey);
        Assert.True(exit == 0, output);
        Assert.Contains("Ferry service resumes after storm", output);
        var storyId = Guid.Parse(System.Text.RegularExpressions.Regex.Match(output, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value);
        var draft = await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}");
        Assert.Equal("draft", draft!.State);
        Assert.Equal("none", draft.RenderState);

        (exit, output) = await RunAsync("render", storyId.ToString(), "--key", TvNewsApp.ApiKey, "--poll", "200", "--timeout", "180");
        Assert.True(exit == 0, output);
        Assert.Contains("Rendered in", output);
        var rendered = await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}");
        Assert.Equal("ready", rendered!.RenderState);
        Assert.Equal("draft", rendered.State); // a preview render does not publish
        Assert.NotNull(rendered.Media);

        // Rendering again changes nothing: the media is current.
        (exit, output) = await RunAsync("render", storyId.ToString(), "--key", TvNewsApp.ApiKey);
        Assert.True(exit == 0, output);
        Assert.Contains("already current", output);
    }

    [Fact]
    public async Task ServerRefusalsArePrintedAsTheirProblemAndExitNonZero()
    {
        var (exit, output) = await RunAsync("render", Guid.NewGuid().ToString(), "--key", TvNewsApp.ApiKey);
        Assert.Equal(1, exit);
        Assert.Contains("404", output);

        (exit, output) = await RunAsync("ingest", RepoPaths.SeedArticle, "--channel", TvNewsApp.ChannelId);
        Assert.Equal(1, exit);
        Assert.Contains("401", output);

        (exit, output) = await RunAsync("ingest", "/no/such/file.txt", "--key", TvNewsApp.ApiKey);
        Assert.Equal(1, exit);
        Assert.Contains("No such file", output);
    }

    [Fact]
    public async Task KeysAndUsersAreManagedWithAnAdminKey()
    {
        var (exit, output) = await RunAsync("keys", "create", "--label", "night desk", "--role", "editor", "--key", TvNewsApp.ApiKey);
        Assert.True(exit == 0, output);
        var key = System.Text.RegularExpressions.Regex.Match(output, "tvn_[0-9a-f]{64}").Value;
        Assert.NotEmpty(key);

        (exit, output) = await RunAsync("keys", "list", "--key", TvNewsApp.ApiKey);
        Assert.True(exit == 0, output);
        Assert.Contains("night desk", output);
        Assert.DoesNotContain(key, output); // never shown again

        // The new key is an editor, not an admin: it may not create users.
        (exit, output) = await RunAsync("users", "create", "anna", "--role", "producer", "--password-stdin", "--key", key);
        Assert.Equal(1, exit);
        Assert.Contains("403", output);

        using var keys = System.Text.Json.JsonDocument.Parse(await _app.Producer().GetStringAsync("/api/keys"));
        var id = keys.RootElement.GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("label").GetString() == "night desk").GetProperty("id").ToString();
        (exit, output) = await RunAsync("keys", "revoke", id, "--key", TvNewsApp.ApiKey);
        Assert.True(exit == 0, output);
        (exit, output) = await RunAsync("keys", "list", "--key", key);
        Assert.Equal(1, exit);
        Assert.Contains("401", output);
    }

    [Fact]
    public async Task PackageWritesTheChannelZip()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("tvnews-cli-").FullName, "channel.zip");
        var (exit, text) = await RunAsync("package", TvNewsApp.ChannelId, "-o", output);
        Assert.True(exit == 0, text);
        using var zip = System.IO.Compression.ZipFile.OpenRead(output);
        Assert.Contains(zip.Entries, e => e.FullName == "manifest");
    }
}
