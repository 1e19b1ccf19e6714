using TvNews.Core.Channels;
using TvNews.Core.Ingest;

namespace TvNews.Api.Channels;

public sealed record Channel(ChannelManifest Manifest, IReadOnlyList<SiteRules> SiteRules);

/// <summary>
/// Every channel defined in channel-manifests/, read once at start. A broken manifest stops the server at boot
/// with every problem listed, rather than failing at the first request.
/// </summary>
public sealed class ChannelCatalog
{
    private readonly Dictionary<string, Channel> _channels;
    private readonly IReadOnlyList<SiteRules> _allRules;

    private ChannelCatalog(Dictionary<string, Channel> channels, IReadOnlyList<SiteRules> allRules)
    {
        _channels = channels;
        _allRules = allRules;
    }

    /// <summary>The channel's own rules plus those of the site a page comes from (matched by domain).</summary>
    public IReadOnlyList<SiteRules> RulesFor(Channel channel, Uri? pageUrl) =>
        pageUrl is null ? channel.SiteRules : channel.SiteRules.Concat(_allRules.Where(r => r.AppliesTo(pageUrl))).Distinct().ToList();

    public IReadOnlyCollection<Channel> All => _channels.Values;

    public Channel? Find(string id) => _channels.GetValueOrDefault(id);

    public static ChannelCatalog Load(AppPaths paths)
    {
        var problems = new List<string>();
        if (!Directory.Exists(paths.Manifests)) throw new InvalidOperationException($"Channel manifest folder not found: {paths.Manifests}");

        var rules = new Dictionary<string, SiteRules>(StringComparer.Ordinal);
        if (Directory.Exists(paths.SiteRules))
        {
            foreach (var file in Directory.GetFiles(paths.SiteRules, "*.json").Order(StringComparer.Ordinal))
            {
                var (r, p) = SiteRulesReader.Read(Path.GetFileName(file), File.ReadAllText(file));
                problems.AddRange(p);
                if (r is not null) rules[r.Name] = r;
            }
        }

        var channels = new Dictionary<string, Channel>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(paths.Manifests, "*.json").Order(StringComparer.Ordinal))
        {
            var (manifest, p) = ChannelManifestReader.Read(Path.GetFileName(file), File.ReadAllText(file),
                media => File.Exists(Path.Combine(paths.MediaRoot, media)), rules.ContainsKey);
            problems.AddRange(p);
            if (manifest is not null) channels[manifest.Id] = new Channel(manifest, manifest.SiteRules.Select(n => rules[n]).ToList());
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Channel manifests have problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        if (channels.Count == 0) throw new InvalidOperationException($"No channel manifests (*.json) in {paths.Manifests}");
        return new ChannelCatalog(channels, rules.Values.ToList());
    }
}
