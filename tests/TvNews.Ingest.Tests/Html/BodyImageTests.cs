using TvNews.Core.Articles;
using TvNews.Core.Ingest;
using TvNews.Ingest.Html;

namespace TvNews.Ingest.Tests.Html;

/// <summary>In-body pictures on realistic pages (tests/TvNews.Ingest.Tests/Html/Pages): which are kept, with what caption, and where.</summary>
public sealed class BodyImageTests
{
    private static Article Extract(string page, string url)
    {
        var html = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "TvNews.Ingest.Tests", "Html", "Pages", page));
        var result = HtmlArticleExtractor.Extract(html, new Uri(url), [], "en");
        Assert.True(result.Article is not null, result.Error);
        return result.Article;
    }

    private static (string Url, string? Caption, string? Credit, int Before)[] Shape(Article a) =>
        a.Images.Select(i => (i.Url!, i.Caption, i.Credit, i.BeforeParagraph ?? -1)).ToArray();

    [Fact]
    public void AWordPressPageKeepsLazyFiguresAndOneGalleryButNotAvatarsIconsPromosOrPixels()
    {
        var a = Extract("wordpress-gallery.html", "https://www.coastlinecourier.test/2025/05/night-ferry-returns/");
        Assert.Equal("The Island Star leaves the harbour on its first night crossing.", a.LeadImage!.Caption);
        Assert.Equal(
            [
                ("https://cdn.coastlinecourier.test/uploads/2025/05/cabin-deck-1024x683.jpg", "Passengers settle in on the upper deck.", "Tom Haley", 2),
                ("https://cdn.coastlinecourier.test/uploads/2025/05/car-deck-800x600.jpg", "Cars are loaded, and the captain on the bridge.", "Coastline Courier", 4),
            ],
            Shape(a));
        Assert.Equal(5, a.Paragraphs.Count);
        Assert.DoesNotContain(a.Paragraphs, p => p.Contains("Cars are loaded", StringComparison.Ordinal) || p.Contains("Read more", StringComparison.Ordinal));
    }

    [Fact]
    public void CaptionBlocksLazySourcesAndDescriptiveAltTextArePicturesAndTheLeadIsNotRepeated()
    {
        var a = Extract("divs-lazy-cap.html", "https://vestnik-baltic.test/news/2025/06/most");
        Assert.Equal(("Новый мост вечером в день открытия.", "Анна Петрова"), (a.LeadImage!.Caption, a.LeadImage.Credit));
        Assert.Equal(
            [
                ("https://img.vestnik-baltic.test/2025/06/most-stroika.jpg", "Так мост выглядел во время строительства в 2023 году.", "пресс-служба мэрии", 2),
                ("https://img.vestnik-baltic.test/2025/06/most-noch.jpg", "Подсветка моста ночью с набережной", null, 3),
                ("https://img.vestnik-baltic.test/2025/06/most-reka.jpg", "Вид на мост с реки.", null, 4),
                ("https://img.vestnik-baltic.test/2025/06/most-tramvai.jpg", "Трамвайные пути у моста.", null, 4),
            ],
            Shape(a));
        Assert.Equal(HtmlArticleExtractor.MaxBodyImages, a.Images.Count); // the fifth picture is past the cap
        Assert.Equal(5, a.Paragraphs.Count);
        Assert.DoesNotContain(a.Paragraphs, p => p.Contains("Шестая", StringComparison.Ordinal) || p.Contains("Вид на мост", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<img src=\"/i/chart.jpg\" width=\"120\" height=\"90\" alt=\"\">")]
    [InlineData("<img src=\"/i/chart.jpg\" style=\"height:40px; width: 800px\" alt=\"\">")]
    [InlineData("<img src=\"/i/logo-partner.jpg\" alt=\"\">")]
    [InlineData("<img src=\"/i/chart.jpg\" alt=\"Partner logo\">")]
    [InlineData("<img class=\"author-photo\" src=\"/i/chart.jpg\" alt=\"\">")]
    [InlineData("<img src=\"/i/chart.svg\" alt=\"\">")]
    [InlineData("<a href=\"/news/another-story\"><img src=\"/i/chart.jpg\" alt=\"\"></a>")]
    public void DecorationIsNotAPicture(string img)
    {
        var html = $"""
            <html><head><title>Rates held</title></head><body><article><h1>Rates held</h1>
            <p>The central bank held its main rate at 4.5% on Thursday, as expected by most economists.</p>
            <figure>{img}<figcaption>Rates since 2020.</figcaption></figure>
            <p>The next decision is due in six weeks, and markets expect a cut before the summer.</p>
            </article></body></html>
            """;
        var article = HtmlArticleExtractor.Extract(html, new Uri("https://bank.test/news/rates"), [], "en").Article!;
        Assert.Empty(article.Images);
        Assert.Equal(2, article.Paragraphs.Count);
    }

    [Fact]
    public void AFigureLinkedToItsOwnFullSizeIsAPicture()
    {
        const string html = """
            <html><head><title>Rates held</title><meta property="og:image" content="https://bank.test/i/lead.jpg"></head><body><article><h1>Rates held</h1>
            <figure><img src="/i/lead.jpg" alt=""><figcaption>The bank's headquarters.</figcaption></figure>
            <p>The central bank held its main rate at 4.5% on Thursday, as expected by most economists.</p>
            <figure><a href="/i/chart-full.png"><img src="/i/chart.jpg" width="960" height="540" alt=""></a><figcaption>Rates since 2020.</figcaption></figure>
            <p>The next decision is due in six weeks, and markets expect a cut before the summer.</p>
            </article></body></html>
            """;
        var article = HtmlArticleExtractor.Extract(html, new Uri("https://bank.test/news/rates"), [], "en").Article!;
        Assert.Equal([("https://bank.test/i/chart.jpg", (string?)"Rates since 2020.", (string?)null, 1)], Shape(article));
    }
}
