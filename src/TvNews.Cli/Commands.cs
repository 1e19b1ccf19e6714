using System.ComponentModel;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;
using Spectre.Console.Cli;
using TvNews.Core.Channels;
using TvNews.Core.Ingest;

namespace TvNews.Cli;

public sealed class IngestCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<IngestCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<SOURCE>")]
        [Description("A file (.txt raw dump, .html page, .json article) or an http(s) URL to fetch.")]
        public string Source { get; init; } = "";

        [CommandOption("-c|--channel <ID>")]
        [Description("Channel id (default sample-news).")]
        public string Channel { get; init; } = "sample-news";

        [CommandOption("--publish")]
        [Description("Render and publish at once (editor role).")]
        public bool Publish { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        HttpContent content;
        if (Uri.TryCreate(settings.Source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            content = JsonContent.Create(new { url = url.ToString() });
        else if (File.Exists(settings.Source))
            content = new ByteArrayContent(await File.ReadAllBytesAsync(settings.Source, ct))
            {
                Headers =
                {
                    ContentType = new(Path.GetExtension(settings.Source).ToLowerInvariant() switch
                    {
                        ".html" or ".htm" => "text/html",
                        ".json" => "application/json",
                        _ => "text/plain",
                    }) { CharSet = Path.GetExtension(settings.Source).Equals(".json", StringComparison.OrdinalIgnoreCase) ? null : "utf-8" },
                },
            };
        else
        {
            console.MarkupLineInterpolated($"[red]No such file, and not an http(s) URL: {settings.Source}[/]");
            return 1;
        }

        using var client = backend.Client(settings);
        using var response = await client.PostAsync(
            $"api/channels/{Uri.EscapeDataString(settings.Channel)}/articles?publish={(settings.Publish ? "true" : "false")}", content, ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        var article = root.GetProperty("article");
        var table = new Table().AddColumns("", "");
        table.HideHeaders();
        table.AddRow("story", Markup.Escape(root.GetProperty("storyId").GetString() ?? ""));
        table.AddRow("headline", Markup.Escape(article.GetProperty("headline").GetString() ?? ""));
        table.AddRow("version", Markup.Escape(root.TryGetProperty("articleVersion", out var v) ? v.ToString() : "1"));
        table.AddRow("state", Markup.Escape(root.TryGetProperty("state", out var s) ? s.GetString() ?? "" : ""));
        table.AddRow("render", Markup.Escape(root.TryGetProperty("renderState", out var r) ? r.GetString() ?? "" : ""));
        table.AddRow("paragraphs", article.GetProperty("paragraphs").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.MarkupLine((int)response.StatusCode == 201 ? "[green]Ingested a new story[/]" : "[green]Known article: the story is up to date[/]");
        console.Write(table);
        return 0;
    }
}

public sealed class RenderCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<RenderCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<STORY_ID>")]
        public Guid StoryId { get; init; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("Give up waiting after this long (default 600; the render goes on on the server).")]
        public int TimeoutSeconds { get; init; } = 600;

        [CommandOption("--poll <MILLISECONDS>")]
        [Description("How often the job is read besides the live progress (default 1000).")]
        public int PollMilliseconds { get; init; } = 1000;
    }

    private sealed record Requested(Guid StoryId, long? JobId, bool Current);

    private sealed record Job(long Id, string State, double Progress, string? Stage, string? LastError, int Attempts, double? DurationSeconds);

    private sealed record Story(Guid Id, string ChannelId);

    private sealed record Tick(long JobId, string StoryId, string ChannelId, string Stage, double Progress);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var storyResponse = await client.GetAsync($"api/stories/{settings.StoryId}", ct);
        if (!storyResponse.IsSuccessStatusCode) return await Problems.ReportAsync(console, storyResponse, ct);
        var story = (await storyResponse.Content.ReadFromJsonAsync<Story>(Json, ct))!;

        // Listen before asking, so no progress tick is missed; the job is also polled, so a lost connection only costs smoothness.
        var live = System.Threading.Channels.Channel.CreateUnbounded<Tick>();
        await using var hub = backend.Hub(settings);
        hub.On<Tick>("RenderProgress", p => live.Writer.TryWrite(p));
        try
        {
            await hub.StartAsync(ct);
            await hub.InvokeAsync("SubscribeProducer", story.ChannelId, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[grey]No live progress ({e.Message}); following the job instead.[/]");
        }

        using var response = await client.PostAsync($"api/stories/{settings.StoryId}/render", null, ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        var requested = (await response.Content.ReadFromJsonAsync<Requested>(Json, ct))!;
        if (requested.JobId is not { } jobId)
        {
            console.MarkupLine("[green]The story's media is already current.[/]");
            return 0;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        Job? last = null;
        try
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"render job {jobId}", maxValue: 1);
                    while (true)
                    {
                        var poll = Task.Delay(settings.PollMilliseconds, timeout.Token);
                        var tick = live.Reader.WaitToReadAsync(timeout.Token).AsTask();
                        await Task.WhenAny(poll, tick);
                        timeout.Token.ThrowIfCancellationRequested();
                        while (live.Reader.TryRead(out var p))
                            if (p.JobId == jobId)
                            {
                                task.Value = Math.Max(task.Value, p.Progress);
                                task.Description = $"render job {jobId}: {p.Stage}";
                            }
                        if (!poll.IsCompleted) continue;
                        last = await client.GetFromJsonAsync<Job>($"api/jobs/{jobId}", Json, timeout.Token);
                        if (last is null) continue;
                        task.Value = Math.Max(task.Value, last.Progress);
                        if (last.State is "done" or "failed")
                        {
                            if (last.State == "done") task.Value = 1;
                            task.Description = $"render job {jobId}: {last.State}";
                            return;
                        }
                    }
                });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            console.MarkupLineInterpolated($"[yellow]Still rendering after {settings.TimeoutSeconds} s; follow it at /api/jobs/{jobId}.[/]");
            return 1;
        }

        if (last?.State == "failed")
        {
            console.MarkupLineInterpolated($"[red]Render failed after {last.Attempts} attempts: {last.LastError ?? "no reason recorded"}[/]");
            return 1;
        }
        console.MarkupLineInterpolated($"[green]Rendered in {last?.DurationSeconds ?? 0:0.0} s.[/]");
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public sealed class PackageCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<PackageCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<CHANNEL_ID>")]
        public string Channel { get; init; } = "";

        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the zip (default <channel>.zip).")]
        public string? Output { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var response = await client.GetAsync($"channels/{Uri.EscapeDataString(settings.Channel)}/package.zip", ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        var output = settings.Output ?? settings.Channel + ".zip";
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        await File.WriteAllBytesAsync(output, bytes, ct);
        console.MarkupLineInterpolated($"[green]Wrote {output}[/] ({bytes.Length / 1024} KiB): upload it in the Roku's Development Application Installer.");
        return 0;
    }
}

public sealed class ValidateCommand(IAnsiConsole console) : Command<ValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--manifests <FOLDER>")]
        public string Manifests { get; init; } = "channel-manifests";

        [CommandOption("--site-rules <FOLDER>")]
        public string SiteRules { get; init; } = "site-rules";

        [CommandOption("--media <FOLDER>")]
        [Description("Where branding paths are resolved (default media).")]
        public string Media { get; init; } = "media";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Manifests))
        {
            console.MarkupLineInterpolated($"[red]No folder {settings.Manifests}[/]");
            return 1;
        }
        var problems = 0;
        var files = 0;
        foreach (var file in Directory.GetFiles(settings.Manifests, "*.json").Order(StringComparer.Ordinal))
        {
            files++;
            var (_, found) = ChannelManifestReader.Read(Path.GetFileName(file), File.ReadAllText(file),
                p => File.Exists(Path.Combine(settings.Media, p)),
                name => File.Exists(Path.Combine(settings.SiteRules, name + ".json")));
            Report(file, found, ref problems);
        }
        foreach (var file in Directory.Exists(settings.SiteRules) ? Directory.GetFiles(settings.SiteRules, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
        {
            files++;
            var (_, found) = SiteRulesReader.Read(Path.GetFileName(file), File.ReadAllText(file));
            Report(file, found, ref problems);
        }
        if (problems == 0) console.MarkupLineInterpolated($"[green]{files} files, no problems[/]");
        else console.MarkupLineInterpolated($"[red]{files} files, {problems} problems[/]");
        return problems == 0 ? 0 : 1;
    }

    private void Report(string file, IReadOnlyList<string> found, ref int problems)
    {
        problems += found.Count;
        if (found.Count == 0) console.MarkupLineInterpolated($"[green]ok[/]   {file}");
        foreach (var problem in found) console.MarkupLineInterpolated($"[red]fail[/] {problem}");
    }
}

public sealed class KeysCreateCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<KeysCreateCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandOption("--label <LABEL>")]
        public string Label { get; init; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("viewer, producer, editor or admin.")]
        public string Role { get; init; } = "producer";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var response = await client.PostAsJsonAsync("api/keys", new { label = settings.Label, role = settings.Role }, ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        console.MarkupLineInterpolated($"[green]Key {root.GetProperty("id")} ({root.GetProperty("role").GetString()}) created. It is shown only now:[/]");
        console.WriteLine(root.GetProperty("key").GetString() ?? "");
        return 0;
    }
}

public sealed class KeysListCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<ServerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServerSettings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var response = await client.GetAsync("api/keys", ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var table = new Table().AddColumns("id", "label", "role", "created", "revoked");
        foreach (var key in body.RootElement.GetProperty("keys").EnumerateArray())
            table.AddRow(Cell(key, "id"), Cell(key, "label"), Cell(key, "role"), Cell(key, "createdAt"), Cell(key, "revokedAt"));
        console.Write(table);
        return 0;
    }

    internal static string Cell(JsonElement e, string name) =>
        Markup.Escape(e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "");
}

public sealed class KeysRevokeCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<KeysRevokeCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<ID>")]
        public long Id { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var response = await client.DeleteAsync($"api/keys/{settings.Id}", ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        console.MarkupLineInterpolated($"[green]Key {settings.Id} revoked.[/]");
        return 0;
    }
}

public sealed class UsersCreateCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<UsersCreateCommand.Settings>
{
    public sealed class Settings : ServerSettings
    {
        [CommandArgument(0, "<USERNAME>")]
        public string Username { get; init; } = "";

        [CommandOption("--role <ROLE>")]
        [Description("viewer, producer, editor or admin (default admin).")]
        public string Role { get; init; } = "admin";

        [CommandOption("--password-stdin")]
        [Description("Read the password from standard input instead of asking for it.")]
        public bool PasswordFromStdin { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var password = settings.PasswordFromStdin
            ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? ""
            : await console.PromptAsync(new TextPrompt<string>("Password:").Secret(), ct);
        using var client = backend.Client(settings);
        using var response = await client.PostAsJsonAsync("api/users", new { username = settings.Username, password, role = settings.Role }, ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        console.MarkupLineInterpolated($"[green]User {settings.Username} ({settings.Role}) created; they can sign in at {settings.ServerUri}.[/]");
        return 0;
    }
}

public sealed class UsersListCommand(IBackend backend, IAnsiConsole console) : AsyncCommand<ServerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServerSettings settings, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        using var client = backend.Client(settings);
        using var response = await client.GetAsync("api/users", ct);
        if (!response.IsSuccessStatusCode) return await Problems.ReportAsync(console, response, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var table = new Table().AddColumns("id", "username", "role", "created");
        var users = body.RootElement.TryGetProperty("users", out var list) ? list : body.RootElement;
        foreach (var user in users.EnumerateArray())
            table.AddRow(KeysListCommand.Cell(user, "id"), KeysListCommand.Cell(user, "username"), KeysListCommand.Cell(user, "role"),
                KeysListCommand.Cell(user, "createdAt"));
        console.Write(table);
        return 0;
    }
}
