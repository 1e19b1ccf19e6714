using System.Globalization;
using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>Dates and times as news sites print them above a story, in English, French, Russian and Persian.</summary>
public static partial class Timestamps
{
    public const string Date = @"(?:\p{N}{1,4}[\s./-]+(?:\p{L}+\.?|\p{N}{1,2})[\s./,-]+\p{N}{2,4}|\p{L}+\.?\s+\p{N}{1,2},?\s+\p{N}{4})";
    public const string Time = @"(?:\p{N}{1,2}[:٫]\p{N}{2}(?::\p{N}{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)";
    public const string Zone = @"(?:\s*(?:GMT|UTC|IRST|MSK|CET|EST)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|\s*\((?:GMT|UTC)\s*[+-]?\s*\d{0,2}(?::?\d{2})?\))?\s*";

    private static readonly Dictionary<string, int> Months = BuildMonths();

    /// <summary>
    /// A short line that states when the story was published ("Publié le 12/03/2025 à 14h05", "3 апреля 2025, 16:20 (МСК)",
    /// "الثلاثاء 04 نوفمبر 2025 - 12:30 بتوقيت غرينتش"): a full date or a time, few words, no sentence end.
    /// </summary>
    public static bool IsDateLine(string line)
    {
        if (line.Length > 90 || line.EndsWith('.') || line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 14) return false;
        var text = ToAsciiDigits(line);
        return FullDate().IsMatch(text) || (TimePart().IsMatch(text) && text.Count(char.IsDigit) >= 4 && line.Split(' ').Length <= 8);
    }

    /// <summary>Parses what <see cref="Date"/> and <see cref="Time"/> match, in the zone the line names. Null without a zone: a bare local time is a guess.</summary>
    public static DateTimeOffset? Parse(string line)
    {
        var text = ToAsciiDigits(line);
        var date = DatePart().Match(text);
        if (!date.Success) return null;
        int year, month, day;
        if (date.Groups["y1"].Success)
        {
            (year, month, day) = (int.Parse(date.Groups["y1"].Value, CultureInfo.InvariantCulture), int.Parse(date.Groups["m1"].Value, CultureInfo.InvariantCulture), int.Parse(date.Groups["d1"].Value, CultureInfo.InvariantCulture));
        }
        else if (date.Groups["d2"].Success)
        {
            day = int.Parse(date.Groups["d2"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(date.Groups["y2"].Value, CultureInfo.InvariantCulture);
            var m = date.Groups["m2"].Value.TrimEnd('.').ToLowerInvariant();
            if (int.TryParse(m, CultureInfo.InvariantCulture, out month) is false && !Months.TryGetValue(m, out month)) return null;
        }
        else
        {
            if (!Months.TryGetValue(date.Groups["m3"].Value.TrimEnd('.').ToLowerInvariant(), out month)) return null;
            day = int.Parse(date.Groups["d3"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(date.Groups["y3"].Value, CultureInfo.InvariantCulture);
        }
        if (year < 100) year += 2000;

        var time = TimePart().Match(text);
        int hour = 0, minute = 0;
        if (time.Success)
        {
            hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(time.Groups["min"].Value, CultureInfo.InvariantCulture);
            var ampm = time.Groups["ampm"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
            if (ampm == "pm" && hour < 12) hour += 12;
            if (ampm == "am" && hour == 12) hour = 0;
        }
        var zone = ZoneOf(text);
        if (zone is null) return null;
        try
        {
            // Solar Hijri years (Iranian sites) are around 1400.
            var calendar = year is > 1300 and < 1500 ? (Calendar)new PersianCalendar() : new GregorianCalendar();
            var local = new DateTime(year, month, day, hour, minute, 0, calendar);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static TimeZoneInfo? ZoneOf(string text)
    {
        string? id = null;
        if (ZoneUtc().IsMatch(text)) id = "Etc/UTC";
        else if (text.Contains("MSK", StringComparison.Ordinal) || text.Contains("МСК", StringComparison.Ordinal) || text.Contains("по московскому", StringComparison.OrdinalIgnoreCase)) id = "Europe/Moscow";
        else if (text.Contains("IRST", StringComparison.Ordinal) || text.Contains("به وقت تهران", StringComparison.Ordinal)) id = "Asia/Tehran";
        else if (text.Contains("heure de Paris", StringComparison.OrdinalIgnoreCase) || text.Contains("CET", StringComparison.Ordinal)) id = "Europe/Paris";
        return id is null ? null : TimeZoneInfo.FindSystemTimeZoneById(id);
    }

    [GeneratedRegex(@"\b(?:GMT|UTC)\b|بتوقيت غرينتش|گرینویچ")]
    private static partial Regex ZoneUtc();

    [GeneratedRegex(@"\d{1,4}[\s./-]+(?:\p{L}{3,}\.?|\d{1,2})[\s./,-]+\d{2,4}|\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}")]
    private static partial Regex FullDate();

    private static string ToAsciiDigits(string s) =>
        string.Concat(s.Select(c => c is >= '\u06F0' and <= '\u06F9' ? (char)('0' + c - '\u06F0') : c is >= '\u0660' and <= '\u0669' ? (char)('0' + c - '\u0660') : c));

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var culture in new[] { "en-US", "fr-FR", "ru-RU" })
        {
            var info = CultureInfo.GetCultureInfo(culture).DateTimeFormat;
            for (var i = 0; i < 12; i++)
            {
                foreach (var name in new[] { info.MonthNames[i], info.MonthGenitiveNames[i], info.AbbreviatedMonthNames[i], info.AbbreviatedMonthGenitiveNames[i] })
                {
                    var key = name.TrimEnd('.').ToLowerInvariant();
                    if (key.Length > 0) months.TryAdd(key, i + 1);
                }
            }
        }
        months.TryAdd("sept", 9);
        string[] arabic = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
        for (var i = 0; i < 12; i++) months.TryAdd(arabic[i], i + 1);
        return months;
    }

    [GeneratedRegex(@"(?<y1>\d{4})[-/.](?<m1>\d{1,2})[-/.](?<d1>\d{1,2})|(?<d2>\d{1,2})[\s./-]+(?<m2>\p{L}+\.?|\d{1,2})[\s./,-]+(?<y2>\d{2,4})|(?<m3>\p{L}+)\.?\s+(?<d3>\d{1,2}),?\s+(?<y3>\d{4})")]
    private static partial Regex DatePart();

    [GeneratedRegex(@"(?<h>\d{1,2})\s*(?:[:٫]|h)\s*(?<min>\d{2})(?::\d{2})?\s*(?<ampm>[AaPp]\.?[Mm]\.?)?")]
    private static partial Regex TimePart();
}
