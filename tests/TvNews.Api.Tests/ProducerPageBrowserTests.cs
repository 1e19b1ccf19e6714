using System.Diagnostics;
using System.Net.Http.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>
/// The producers' page end to end in headless Debian Chromium: the real server as its own process on a real loopback
/// port (so the browser, the hub's WebSocket/long polling and media URLs are real), driven by playwright-core from
/// tools/browser/producer-page.test.mjs. On failure the script leaves screenshots in <see cref="OutputFolder"/>.
/// </summary>
public sealed class ProducerPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static string OutputFolder(string test) => Path.Combine(AppContext.BaseDirectory, "browser-output", test);

    [Fact]
    public async Task AProducerSignsInSeesAStoryPublishedLiveAndPreviewsItsSlidesAndVideo()
    {
        await using var server = await ServedApp.StartAsync(new Dictionary<string, string> { ["Render:ProgressInterval"] = "00:00:00.200" });
        await RunPageScriptAsync(server, nameof(AProducerSignsInSeesAStoryPublishedLiveAndPreviewsItsSlidesAndVideo), "core");
    }

    [Fact]
    public async Task AnEditorSignsInWithAPasswordRunsTheRundownSchedulesAStoryAndBreaksNews()
    {
        await using var server = await ServedApp.StartAsync(new Dictionary<string, string> { ["Render:ProgressInterval"] = "00:00:00.200" });
        using var admin = server.Client();
        var created = await admin.PostAsJsonAsync("/api/users", new { username = "desk-editor", password = "correct horse battery 42", role = "editor" });
        Assert.True(created.IsSuccessStatusCode, $"POST /api/users: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await RunPageScriptAsync(server, nameof(AnEditorSignsInWithAPasswordRunsTheRundownSchedulesAStoryAndBreaksNews), "full",
            ("USERNAME", "desk-editor"), ("PASSWORD", "correct horse battery 42"));
    }

    private static async Task RunPageScriptAsync(ServedApp server, string test, string steps, params (string Name, string Value)[] extra)
    {
        // Fail loudly, never skip: the browser test is part of the suite (./tvnews test installs both).
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (./tvnews test does).");
        var tools = Path.Combine(RepoPaths.Root, "tools", "browser");
        Assert.True(Directory.Exists(Path.Combine(tools, "node_modules", "playwright-core")),
            $"playwright-core is not installed in {tools}: npm ci --prefix tools/browser (./tvnews test does).");

        var output = OutputFolder(test);
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(tools, "producer-page.test.mjs") },
            WorkingDirectory = tools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["BASE_URL"] = server.BaseUrl,
                ["API_KEY"] = TvNewsApp.ApiKey,
                ["CHANNEL_ID"] = TvNewsApp.ChannelId,
                ["OUT_DIR"] = output,
                ["STEPS"] = steps,
                ["CHROMIUM"] = Chromium,
            },
        };
        foreach (var (name, value) in extra) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is missing: apt-get install nodejs npm (./tvnews test does).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            var report = $"{await stdout}\n{await stderr}\nscreenshots: {output}\nserver:\n{server.Output}";
            Assert.True(process.ExitCode == 0, $"the browser script failed (exit {process.ExitCode}):\n{report}");
            Assert.Contains($"passed: {steps} flow", report, StringComparison.Ordinal);
        }
    }
}
