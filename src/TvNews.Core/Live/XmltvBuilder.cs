using System.Globalization;
using System.Text;
using System.Xml;
using TvNews.Core.Channels;

namespace TvNews.Core.Live;

/// <summary>A programme of the guide: what plays from <paramref name="Start"/> to <paramref name="Stop"/>.</summary>
public sealed record GuideProgramme(DateTimeOffset Start, DateTimeOffset Stop, string Title, string Description, bool Breaking);

/// <summary>
/// The live channel's programme guide in XMLTV (xmltv.dtd): the channel and its programmes, one per story played (the
/// ident after a story belongs to it) or one per block of the channel's clock, listing the stories in it. Built from
/// <see cref="LiveSchedule.Project"/>, so the guide says what the stream will play. Every text goes through XmlWriter.
/// </summary>
public static class XmltvBuilder
{
    public const string BlockSeparator = " \u00B7 ";
    private const int MaxDescription = 1000;

    public static string Title(ChannelManifest channel) => channel.Live.Title ?? $"{channel.Name} Live";

    /// <summary>The guide's programmes from <paramref name="from"/> to <paramref name="until"/>, by the channel's EPG setting.</summary>
    public static IReadOnlyList<GuideProgramme> Programmes(ChannelManifest channel, IReadOnlyList<AsRunProgramme> projected,
        DateTimeOffset from, DateTimeOffset until)
    {
        var stories = ByStory(channel, projected, until);
        var guide = channel.Live.Epg == EpgMode.Block ? ByBlock(channel, stories, from, until) : stories;
        return guide.Where(g => g.Stop > from && g.Start < until).ToList();
    }

    public static byte[] Build(ChannelManifest channel, IReadOnlyList<GuideProgramme> programmes, string streamUrl)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("tv", null, "xmltv.dtd", null);
            xml.WriteStartElement("tv");
            xml.WriteAttributeString("generator-info-name", "TvNews");
            xml.WriteStartElement("channel");
            xml.WriteAttributeString("id", channel.Id);
            xml.WriteStartElement("display-name");
            xml.WriteAttributeString("lang", channel.Language);
            xml.WriteString(XmlText.Safe(Title(channel)));
            xml.WriteEndElement();
            xml.WriteStartElement("display-name");
            xml.WriteAttributeString("lang", channel.Language);
            xml.WriteString(XmlText.Safe(channel.ShortName));
            xml.WriteEndElement();
            xml.WriteElementString("url", streamUrl);
            xml.WriteEndElement();
            foreach (var p in programmes)
            {
                xml.WriteStartElement("programme");
                xml.WriteAttributeString("start", Time(p.Start));
                xml.WriteAttributeString("stop", Time(p.Stop));
                xml.WriteAttributeString("channel", channel.Id);
                Text(xml, "title", p.Title, channel.Language);
                if (p.Description.Length > 0) Text(xml, "desc", p.Description, channel.Language);
                Text(xml, "category", "News", "en");
                if (p.Breaking) Text(xml, "category", "Breaking news", "en");
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    /// <summary>XMLTV's time: YYYYMMDDhhmmss and the offset, here always UTC.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + " +0000";

    private static void Text(XmlWriter xml, string element, string text, string language)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("lang", language);
        xml.WriteString(XmlText.Safe(text));
        xml.WriteEndElement();
    }

    /// <summary>
    /// One programme per story or breaking news played; an ident belongs to the programme before it, and idents with
    /// nothing before them (an empty rundown) make one programme named after the channel. Times are whole seconds
    /// (XMLTV's precision): each programme starts at the second its first segment starts.
    /// </summary>
    private static List<GuideProgramme> ByStory(ChannelManifest channel, IReadOnlyList<AsRunProgramme> projected, DateTimeOffset until)
    {
        var guide = new List<GuideProgramme>();
        foreach (var p in projected)
        {
            var start = Second(p.StartsAt);
            if (p.Kind == ProgrammeKind.Ident && guide.Count > 0)
            {
                guide[^1] = guide[^1] with { Stop = Second(p.EndsAt) };
                continue;
            }
            var programme = p.Kind switch
            {
                ProgrammeKind.Ident => new GuideProgramme(start, Second(p.EndsAt), channel.Name, channel.Description, false),
                ProgrammeKind.Breaking => new GuideProgramme(start, Second(p.EndsAt), "Breaking news: " + p.Title, p.Description, true),
                _ => new GuideProgramme(start, Second(p.EndsAt), p.Title, p.Description, false),
            };
            if (guide.Count > 0) guide[^1] = guide[^1] with { Stop = start };
            guide.Add(programme);
        }
        if (guide.Count > 0 && guide[^1].Stop > until) guide[^1] = guide[^1] with { Stop = Second(until) };
        return guide.Where(g => g.Stop > g.Start).ToList();
    }

    /// <summary>Blocks of the channel's clock from local midnight, named after the channel, listing the stories that start in them.</summary>
    private static List<GuideProgramme> ByBlock(ChannelManifest channel, List<GuideProgramme> stories, DateTimeOffset from, DateTimeOffset until)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(channel.TimeZone);
        var length = TimeSpan.FromMinutes(channel.Live.BlockMinutes);
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        var start = midnight + TimeSpan.FromTicks((local - midnight).Ticks / length.Ticks * length.Ticks);
        var guide = new List<GuideProgramme>();
        for (var b = start; b < until; b += length)
        {
            var stop = b + length;
            var titles = stories.Where(s => s.Start >= b && s.Start < stop && s.Title != channel.Name).Select(s => s.Title).Distinct().ToList();
            var description = titles.Count == 0 ? channel.Description : Cut(string.Join(BlockSeparator, titles));
            var breaking = stories.Any(s => s.Breaking && s.Start < stop && s.Stop > b);
            guide.Add(new GuideProgramme(b.ToUniversalTime(), stop.ToUniversalTime(), channel.Name, description, breaking));
        }
        return guide;
    }

    private static string Cut(string text) => Feeds.RokuFeedBuilder.Truncate(text, MaxDescription, ellipsis: true);

    private static DateTimeOffset Second(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
