using System.ComponentModel.DataAnnotations;
using TvNews.Data.Rendering;

namespace TvNews.Api;

/// <summary>Where inputs live, where rendered output goes, and the public address devices use. Paths may be relative to the repository root.</summary>
public sealed class TvNewsOptions
{
    public const string SectionName = "TvNews";

    /// <summary>Base of every absolute URL in feeds, media links and the package's FEED_URL. Must be reachable by devices.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080/";

    [Required]
    public string ManifestsPath { get; set; } = "channel-manifests";

    [Required]
    public string SiteRulesPath { get; set; } = "site-rules";

    /// <summary>Checked-in inputs: fonts, backgrounds, logos, samples.</summary>
    [Required]
    public string MediaRoot { get; set; } = "media";

    /// <summary>Rendered output (videos, slides, captions). Never inside media/. Shared storage when workers run on several machines.</summary>
    [Required]
    public string MediaOutput { get; set; } = ".data/media";

    public string SamplesPath { get; set; } = "media/samples";

    /// <summary>Ingest, render and publish every file in <see cref="SamplesPath"/> at start (the run command turns this on).</summary>
    public bool IngestSamplesOnStart { get; set; }

    /// <summary>The producer key. Also read from TVNEWS_API_KEY. Without one a key is generated on the first run only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>What this process does: everything, only HTTP (API, feeds, media, hub), or only background work.</summary>
    public AppRole Role { get; set; } = AppRole.All;

    /// <summary>Largest article body accepted, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxArticleBytes { get; set; } = 1024 * 1024;

    public Uri PublicBase => new(PublicBaseUrl.EndsWith('/') ? PublicBaseUrl : PublicBaseUrl + "/");

    public Uri MediaBase => new(PublicBase, "media/");
}

/// <summary>
/// Instances share all state through PostgreSQL and the media folder, so any mix of roles may run side by side:
/// API instances behind a load balancer, worker instances wherever there is CPU for ffmpeg.
/// </summary>
public enum AppRole
{
    /// <summary>HTTP and background workers in one process (the default, and what ./tvnews run starts).</summary>
    All,

    /// <summary>HTTP only: no render worker, no feed poller.</summary>
    Api,

    /// <summary>Render worker and feed poller; HTTP answers only /health and /health/ready.</summary>
    Worker,
}

public sealed class RenderOptions
{
    public const string SectionName = "Render";

    /// <summary>Run the render worker in this process (API-only instances set false).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often an idle worker looks for due jobs; a new job also wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claimed job is held before another worker may take it over. A running render renews it with every
    /// progress write and at least every third of it, so only a dead or stuck worker loses its job.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a failing job is marked failed.</summary>
    public int MaxAttempts { get; set; } = RenderRetry.Default.MaxAttempts;

    /// <summary>Wait before the second attempt; it doubles for each further one.</summary>
    public TimeSpan RetryBackoff { get; set; } = RenderRetry.Default.FirstBackoff;

    public RenderRetry Retry => new(MaxAttempts, RetryBackoff);

    /// <summary>Shortest time between two progress writes (job row and RenderProgress push) of one render.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// CABAC-coded pictures (default). False: CAVLC only, one PPS per stream, the fallback if a device mishandles the
    /// generated CAVLC skip frames between CABAC pictures (untested on Roku hardware so far).
    /// </summary>
    public bool Cabac { get; set; } = true;

    /// <summary>
    /// Encode stills with libx264 in this process (default; needs Debian's libx264-164, which ffmpeg brings). False,
    /// or no such library, runs one ffmpeg process per render instead: the same pictures, slower edits.
    /// </summary>
    public bool InProcessStills { get; set; } = true;
}
