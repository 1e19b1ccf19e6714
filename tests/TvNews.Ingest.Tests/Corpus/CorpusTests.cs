using System.Text.Json;
using TvNews.Core.Articles;

namespace TvNews.Ingest.Tests.Corpus;

/// <summary>Every fixture in tests/corpus, field by field, through the same decode-and-extract path as the API.</summary>
public sealed class CorpusTests
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Fixtures() => new(CorpusFixture.Names());

    private static readonly HashSet<(string Fixture, string Test)> KnownGaps = LoadGaps();

    private static HashSet<(string, string)> LoadGaps()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Corpus, "known-gaps.json")));
        return doc.RootElement.GetProperty("gaps").EnumerateArray()
            .Select(g => (g.GetProperty("fixture").GetString()!, g.GetProperty("test").GetString()!)).ToHashSet();
    }

    /// <summary>
    /// Runs a check; a check listed in tests/corpus/known-gaps.json must still fail (a ratchet: when it starts
    /// passing, this fails until the entry is removed), so the gaps are visible and can only shrink.
    /// </summary>
    private static void Check(string name, [System.Runtime.CompilerServices.CallerMemberName] string test = "", Action? assert = null)
    {
        if (!KnownGaps.Contains((name, test)))
        {
            assert!();
            return;
        }
        var failed = false;
        try
        {
            assert!();
        }
        catch (Xunit.Sdk.XunitException)
        {
            failed = true;
        }
        Assert.True(failed, $"{name} {test} passes now: remove it from tests/corpus/known-gaps.json");
    }

    private static (Expected Expected, Article Article) Run(string name)
    {
        var expected = CorpusFixture.Load(name);
        var result = CorpusFixture.Run(name, expected);
        Assert.True(result.Article is not null, $"{name}: {result.Error}");
        return (expected, result.Article);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void HeadlineSectionBylineDatelineAndTimeAreRight(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            Assert.Equal(e.Headline, a.Headline);
            Assert.Equal(e.HeadlineDerived, a.HeadlineDerived);
            Assert.Equal(e.Section, a.Section);
            Assert.Equal(e.Category, a.Category);
            Assert.Equal(e.Byline, a.Byline);
            Assert.Equal(e.Dateline, a.Dateline);
            Assert.Equal(e.PublishedAt, a.PublishedAt);
            Assert.Equal(e.Language, a.Language);
            Assert.Equal(e.Language is "ar" or "fa" ? "rtl" : "ltr", a.Direction);
        });
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheLeadImageHasItsCaptionAndCredit(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            if (e.LeadImage is null)
            {
                Assert.Null(a.LeadImage);
                return;
            }
            Assert.NotNull(a.LeadImage);
            Assert.Equal(e.LeadImage.Url, a.LeadImage.Url);
            Assert.Equal(e.LeadImage.Caption, a.LeadImage.Caption);
            Assert.Equal(e.LeadImage.Credit, a.LeadImage.Credit);
        });
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void InBodyPicturesKeepTheirCaptionCreditAndPlace(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            Assert.Equal(e.Images, a.Images.Select(i => new ExpectedBodyImage(i.Url!, i.Caption, i.Credit, i.BeforeParagraph ?? -1)));
        });
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TheBodyStartsAndEndsWhereTheStoryDoes(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            Assert.Equal(e.Paragraphs[0], a.Paragraphs[0]);
            Assert.Equal(e.Paragraphs[^1], a.Paragraphs[^1]);
            Assert.Equal(e.Paragraphs.Count, a.Paragraphs.Count);
            Assert.Equal(e.Subheads, a.Subheads.Select(s => s.Text));
        });
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void QuotesAreAttributedToTheirSpeakers(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            foreach (var quote in e.Quotes)
            {
                var found = a.Quotes.FirstOrDefault(q => Normalize(q.Text).StartsWith(Normalize(quote.TextStartsWith), StringComparison.Ordinal));
                Assert.True(found is not null, $"quote '{quote.TextStartsWith}' not found among: {string.Join(" | ", a.Quotes.Select(q => q.Text[..Math.Min(40, q.Text.Length)]))}");
                Assert.Equal(quote.Speaker, found.Speaker);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void NoBoilerplateSurvives(string name)
    {
        Check(name, assert: () =>
        {
            var (e, a) = Run(name);
            var all = JsonSerializer.Serialize(a, Unescaped);
            foreach (var junk in e.Boilerplate)
                Assert.False(all.Contains(junk, StringComparison.Ordinal), $"'{junk}' survived");
        });
    }

    private static string Normalize(string s) => s.Replace('\u00A0', ' ').Trim().TrimStart('"', '\u201C', '\u00AB', '\u201E', ' ');
}
