using System.Globalization;
using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

public sealed class TypographyTests : IDisposable
{
    private const string Chinese = "国务院新闻办公室今天举行发布会，介绍今年前三季度国民经济运行情况，专家认为经济稳中向好。";
    private const string Japanese = "東京都は「新しい交通計画」を発表し、2030年までに路面電車を再び走らせると明らかにした。";
    private const string Korean = "서울시는 새로운 트램 노선을 승인했으며 2028년까지 하루 4만 명의 승객을 수송할 예정이다.";
    private const string Arabic = "قال لافروف إن 2024 كان عاماً صعباً لـ NATO";
    private const string Persian = "رئیس‌جمهور ایران در سال ۱۴۰۳ به پکن سفر کرد و با رهبران چین دیدار کرد";
    private const string Russian = "Министр иностранных дел России заявил, что переговоры продолжатся в Женеве в следующем месяце.";
    private const string Mixed = "Apple CEO Tim Cook visits 北京 and 東京, meets Лавров and says «شكراً» in 2025";

    private const string LongHeadline =
        "Parliament passes sweeping infrastructure bill after marathon overnight session as opposition leaders " +
        "warn the costs will fall on rural communities, regional airports, commuter rail lines, river ports and " +
        "the hospitals that depend on them for supplies, staff and patients during the long winter months ahead";

    // Closing punctuation that must never start a line, and opening punctuation that must never end one.
    private const string Closing = "、。，．」』）】〉》！？：；,.;:!?)]}";
    private const string Opening = "「『（【〈《(";

    private static readonly SKRect KeyPointBox = new(248, 204, 1710, 924);

    private readonly SlideTheme _theme = TestMedia.LoadTheme();
    private readonly SlideRenderer _renderer;

    public TypographyTests() => _renderer = new SlideRenderer(_theme);

    public static TheoryData<string> CjkHeadlines() => [Chinese, Japanese, Korean];

    public static TheoryData<Slide> WorldSlides() =>
    [
        new Slide(SlideKind.Title, Chinese, "国内", "2024年10月18日 14:30", 4),
        new Slide(SlideKind.KeyPoint, Japanese, null, null, 4),
        new Slide(SlideKind.Quote, Korean, null, "서울시장", 4),
        new Slide(SlideKind.Image, Chinese, "新华社", null, 4),
        new Slide(SlideKind.KeyPoint, Arabic, null, null, 4),
        new Slide(SlideKind.Title, Persian, "جهان", null, 4),
        new Slide(SlideKind.Quote, Russian, null, "Мария Захарова", 4),
        new Slide(SlideKind.Title, Mixed, "Tech", null, 4),
        new Slide(SlideKind.Outro, "新闻联播", "每天为您带来最新消息", null, 4),
    ];

    [Theory]
    [MemberData(nameof(CjkHeadlines))]
    public void CjkHeadlinesHaveARealGlyphForEveryCharacter(string headline)
    {
        using var block = TextLayout.Fit(_theme, headline, Bold(92), KeyPointBox);

        Assert.True(block.Lines.Count > 1);
        Assert.Equal(92, block.Size);
        AssertNoMissingGlyphs(block);
        var faces = AllRuns(block).Where(r => r.Text.Any(c => LineBreaks.IsCjkLetter(c) || LineBreaks.IsHangul(c))).Select(r => r.Face).Distinct();
        Assert.Equal([_theme.CjkBold], faces);
    }

    [Theory]
    [MemberData(nameof(WorldSlides))]
    public void WorldSlidesKeepEveryTextPixelInsideTitleSafe(Slide slide)
    {
        var (textPixels, outside) = TextPixels(slide);

        Assert.True(textPixels > 1000, "the diff found no text at all, so it proves nothing");
        Assert.True(outside.Count == 0, $"text pixels outside title safe, e.g. {string.Join(", ", outside)}");
        Assert.All(_renderer.Render(slide, 0, 2).TextBounds, r => Assert.True(((SKRect)SafeArea.TitleSafe).Contains(r), $"text box {r} is outside title safe"));
    }

    [Theory]
    [InlineData(Arabic)]
    [InlineData(Persian)]
    [InlineData(Russian)]
    [InlineData(Mixed)]
    public void MixedScriptTextPicksAFaceWithTheGlyphForEveryRun(string text)
    {
        using var block = TextLayout.Fit(_theme, text, Bold(92), KeyPointBox);

        AssertNoMissingGlyphs(block);
        // Punctuation and spaces may follow the face of their neighbours; letters and digits go to their script's face.
        foreach (var run in AllRuns(block).Where(r => r.Text.Any(char.IsLetterOrDigit)))
        {
            var expected = run.Text.Any(c => LineBreaks.IsCjkLetter(c)) ? _theme.CjkBold
                : run.Text.Any(c => c is >= '\u0600' and <= '\u06FF') ? _theme.RtlBold
                : _theme.Bold;
            Assert.True(ReferenceEquals(expected, run.Face), $"run '{run.Text}' was set in {run.Face.Typeface.FamilyName}");
        }
    }

    [Fact]
    public void ArabicTextIsRightAlignedWithDigitsAndLatinInReadingOrder()
    {
        using var block = TextLayout.Fit(_theme, Arabic, Bold(92), KeyPointBox);

        Assert.All(block.LineBounds(), r => Assert.Equal(KeyPointBox.Right, r.Right, 0.01f));
        var runs = Enumerable.Range(0, block.Lines.Count).SelectMany(i => block.RunsOf(i).Select(r => (Line: i, r.Run, r.Face, r.Text))).ToList();

        // Digits and Latin come out left to right, glyph for glyph.
        foreach (var word in new[] { "2024", "NATO" })
        {
            var run = runs.Single(r => r.Text == word);
            using var font = run.Face.CreateFont(92);
            Assert.Equal(font.GetGlyphs(word), run.Run.Glyphs.Glyphs);
        }

        // In right-to-left text the word read before "2024" sits to its right.
        var line = runs.Single(r => r.Text == "2024").Line;
        var visual = block.RunsOf(line).Select(r => r.Text).Where(t => t.Trim().Length > 0).ToList();
        Assert.True(visual.IndexOf("2024") < visual.IndexOf("إن"), $"visual order was {string.Join(" | ", visual)}");
    }

    [Fact]
    public void PersianDigitsReadLeftToRight()
    {
        using var block = TextLayout.Fit(_theme, Persian, Bold(92), KeyPointBox);

        var digits = AllRuns(block).Single(r => r.Text == "۱۴۰۳");
        using var font = digits.Face.CreateFont(92);

        // Compared by position, skipping the 4: Persian 'locl' swaps in another form of it.
        Assert.Equal(4, digits.Glyphs.Length);
        Assert.Equal(font.GetGlyph('۱'), digits.Glyphs[0]);
        Assert.Equal(font.GetGlyph('۰'), digits.Glyphs[2]);
        Assert.Equal(font.GetGlyph('۳'), digits.Glyphs[3]);
        Assert.True(ReferenceEquals(_theme.RtlBold, digits.Face));
        Assert.All(block.LineBounds(), r => Assert.Equal(KeyPointBox.Right, r.Right, 0.01f));
    }

    [Fact]
    public void BalancedLinesAreMuchCloserInLengthThanGreedyOnes()
    {
        // The longest prefix of the headline whose greedy wrap is a full line plus a two-word stub.
        var box = new SKRect(0, 0, 1400, 400);
        var (text, greedyWidths) = PrefixWhere(box.Width, 60, lines => lines.Count == 2 && lines[1].Text.Split(' ').Length == 2);
        Assert.True(greedyWidths.Max() - greedyWidths.Min() > 600, $"precondition: greedy lines should be uneven, got {string.Join(", ", greedyWidths)}");

        using var block = TextLayout.Fit(_theme, text, Bold(60) with { MinSize = 60 }, box);

        Assert.Equal(2, block.Lines.Count);
        var widths = block.Lines.Select(l => l.Width).ToList();
        Assert.True(widths.Max() - widths.Min() < (greedyWidths.Max() - greedyWidths.Min()) / 4, $"balanced widths {string.Join(", ", widths)}");
        Assert.All(widths, w => Assert.True(w <= box.Width));
        Assert.Equal(text, string.Join(' ', block.Lines.Select(l => l.Text)));
    }

    [Theory]
    [InlineData("The council approved the new tram line after a long debate on Tuesday evening in the city hall chamber", 1100)]
    [InlineData("Floods close the main road between the two towns for the third time this year", 900)]
    [InlineData("Prices rose again in March as energy and food costs climbed across the region, officials said", 1250)]
    [InlineData("The line will carry 40,000 passengers a day by 2028.", 1000)]
    [InlineData("Local elections will be held next spring", 700)]
    public void NoLayoutEndsOnALoneWord(string text, float width)
    {
        var box = new SKRect(0, 0, width, 700);
        foreach (var size in new[] { 48, 60, 72, 84, 96 })
        {
            using var block = TextLayout.Fit(_theme, text, Bold(size) with { MinSize = 36 }, box);
            if (block.Lines.Count > 1)
            {
                Assert.True(block.Lines[^1].Text.Split(' ').Length >= 2, $"at {size} px the last line is '{block.Lines[^1].Text}'");
            }

            Assert.All(block.Lines, l => Assert.True(l.Width <= width));
            Assert.True(block.Height <= box.Height);
        }
    }

    [Fact]
    public void ALoneLastWordIsPulledDownFromThePreviousLine()
    {
        // A prefix of the headline that greedy-wraps to a full line and a lone word.
        var (text, _) = PrefixWhere(1500, 64, lines => lines.Count == 2 && !lines[1].Text.Contains(' ', StringComparison.Ordinal));
        var paragraph = ShapedParagraph.Create(text, _theme.FontsFor(bold: true), rtl: false);
        var greedy = TextLayout.Greedy(paragraph, 64, 1500, out _);
        Assert.True(TextLayout.IsOrphan(paragraph, greedy[^1]));

        var pulled = TextLayout.PullDown(paragraph, 1500, 64, greedy);

        Assert.NotNull(pulled);
        Assert.Equal(2, pulled.Count);
        Assert.False(TextLayout.IsOrphan(paragraph, pulled[^1]));
        Assert.Equal(paragraph.Atoms.Count, pulled[^1].End);
        Assert.All(pulled, l => Assert.True(ShapedParagraph.ToPixels(paragraph.LineUnits(l.Start, l.End), 64) <= 1500));
    }

    [Fact]
    public void ALoneLastWordThatCannotBePulledDownTriesOneSizeSmaller()
    {
        // Two words that only just miss fitting on one line at the largest size: at that size the second word would
        // be alone, one pixel smaller they share a line.
        const string text = "Breaking news";
        using var large = _theme.Bold.CreateFont(100);
        using var smaller = _theme.Bold.CreateFont(99);
        var atLarge = TextLayout.Wrap(_theme.Bold, large, text, float.MaxValue, out _)[0].Width;
        var atSmaller = TextLayout.Wrap(_theme.Bold, smaller, text, float.MaxValue, out _)[0].Width;
        var box = new SKRect(0, 0, (atLarge + atSmaller) / 2, 400);

        using var block = TextLayout.Fit(_theme, text, Bold(100) with { MaxLines = 2 }, box);

        Assert.Equal(99, block.Size);
        Assert.Equal([text], block.Lines.Select(l => l.Text));
    }

    [Fact]
    public void CjkLinesNeverStartWithClosingOrEndWithOpeningPunctuation()
    {
        const string text = "【快讯】国务院今天表示：“经济稳中向好。”专家认为，《报告》中的数据（初步统计）显示，就业、消费、投资均有改善！你怎么看？";
        var checkedBreaks = 0;
        for (var width = 300f; width <= 1400; width += 23)
        {
            using var block = TextLayout.Fit(_theme, text, Bold(48) with { MinSize = 48, MaxLines = 40 }, new SKRect(0, 0, width, 2000));
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var line = block.Lines[i].Text;
                Assert.True(i == 0 || !Closing.Contains(line[0], StringComparison.Ordinal), $"line starts with closing punctuation at {width}: '{line}'");
                Assert.True(i == block.Lines.Count - 1 || !Opening.Contains(line[^1], StringComparison.Ordinal), $"line ends with opening punctuation at {width}: '{line}'");
                checkedBreaks += i > 0 ? 1 : 0;
            }

            Assert.Equal(text, string.Concat(block.Lines.Select(l => l.Text)));
        }

        Assert.True(checkedBreaks > 100, "too few breaks to say anything");
    }

    [Fact]
    public void KoreanBreaksOnlyAtSpaces()
    {
        for (var width = 400f; width <= 1400; width += 50)
        {
            using var block = TextLayout.Fit(_theme, Korean, Bold(60) with { MinSize = 60, MaxLines = 20 }, new SKRect(0, 0, width, 2000));

            Assert.Equal(Korean, string.Join(' ', block.Lines.Select(l => l.Text)));
        }
    }

    [Fact]
    public void LatinTextKeepsAFewCjkWordsWhole()
    {
        for (var width = 600f; width <= 1400; width += 40)
        {
            using var block = TextLayout.Fit(_theme, Mixed, Bold(72) with { MinSize = 72, MaxLines = 20 }, new SKRect(0, 0, width, 2000));

            Assert.Equal(Mixed, string.Join(' ', block.Lines.Select(l => l.Text)));
        }
    }

    [Fact]
    public void TruncatedTextEndsWithAnEllipsisAfterAWholeWordAtTheMinimumSize()
    {
        var box = new SKRect(0, 0, 1000, 160);
        var style = Bold(72) with { MinSize = 36, MaxLines = 3 };

        using var block = TextLayout.Fit(_theme, LongHeadline, style, box);

        Assert.Equal(36, block.Size);
        Assert.True(block.Height <= box.Height);
        Assert.All(block.Lines, l => Assert.True(l.Width <= box.Width));
        var last = block.Lines[^1].Text;
        Assert.EndsWith("\u2026", last, StringComparison.Ordinal);
        var shown = string.Join(' ', block.Lines.Select(l => l.Text))[..^1].Split(' ');
        var words = LongHeadline.Split(' ');
        Assert.Equal(words.Take(shown.Length - 1), shown.SkipLast(1));
        Assert.Equal(words[shown.Length - 1].TrimEnd(','), shown[^1]);
    }

    [Fact]
    public void TruncatedCjkTextEndsOnAWholeCharacterAtALegalBreak()
    {
        var box = new SKRect(0, 0, 700, 100);

        using var block = TextLayout.Fit(_theme, Chinese + Chinese, Bold(60) with { MinSize = 36, MaxLines = 2 }, box);

        Assert.Equal(36, block.Size);
        var shown = string.Concat(block.Lines.Select(l => l.Text));
        Assert.EndsWith("\u2026", shown, StringComparison.Ordinal);
        var kept = shown[..^1];
        Assert.StartsWith(kept, Chinese + Chinese, StringComparison.Ordinal);

        // A comma dropped before the ellipsis ("经济，…" reads worse than "经济…") still counts as ending at the break after it.
        var end = kept.Length;
        while ("，、；：".Contains((Chinese + Chinese)[end], StringComparison.Ordinal))
        {
            end++;
        }

        Assert.True(LineBreaks.Opportunities(Chinese + Chinese)[end], $"'{kept}' does not end at a break opportunity");
        Assert.All(block.Lines, l => Assert.True(l.Width <= box.Width));
    }

    [Fact]
    public void AWordWiderThanTheBoxAtTheMinimumSizeIsSplitWithoutAnEllipsis()
    {
        const string url = "https://example.org/news/2024/10/18/an-extremely-long-address-that-nobody-can-fit-on-one-line";
        var box = new SKRect(0, 0, 600, 1000);

        using var block = TextLayout.Fit(_theme, url, Regular(48) with { MinSize = 36, MaxLines = 6 }, box);

        Assert.Equal(36, block.Size);
        Assert.True(block.Lines.Count > 1);
        Assert.Equal(url, string.Concat(block.Lines.Select(l => l.Text)));
        Assert.All(block.Lines, l => Assert.True(l.Width <= box.Width));
    }

    [Fact]
    public void NothingIsSplitOrTruncatedWhenTheTextFits()
    {
        using var block = TextLayout.Fit(_theme, "Short headline", Bold(92), KeyPointBox);

        Assert.Equal(92, block.Size);
        Assert.Equal(["Short headline"], block.Lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData(Mixed)]
    [InlineData(Japanese)]
    [InlineData(Arabic)]
    public void DrawnInkStaysInsideTheMeasuredLineBoxes(string text)
    {
        var box = new SKRect(100, 100, 1500, 900);
        using var block = TextLayout.Fit(_theme, text, Bold(110) with { VerticalAlign = VAlign.Center }, box);
        using var surface = SKSurface.Create(new SKImageInfo(1600, 1000, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        var bounds = new List<SKRect>();
        block.Draw(surface.Canvas, bounds, drawGlyphs: true);
        using var image = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(image);

        // Side bearings may overhang the advance box a little; ascent and descent must hold every glyph.
        var slack = block.Size * 0.08f;
        var allowed = bounds.Select(r => new SKRect(r.Left - slack, r.Top, r.Right + slack, r.Bottom)).ToList();
        var ink = 0;
        var stray = new List<(int X, int Y)>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Alpha < 40)
                {
                    continue;
                }

                ink++;
                if (!allowed.Any(r => r.Contains(x + 0.5f, y + 0.5f)) && stray.Count < 5)
                {
                    stray.Add((x, y));
                }
            }
        }

        Assert.True(ink > 5000);
        Assert.True(stray.Count == 0, $"ink outside the line boxes, e.g. {string.Join(", ", stray)}");

        // The line box is as tall as the tallest face in it, not just the branding face.
        var scale = block.Size / ShapedFace.UnitSize;
        Assert.All(AllRuns(block).Select(r => r.Face).Distinct(), face =>
        {
            Assert.True(block.Ascent <= (face.AscentUnits * scale) + 0.01f, $"{face.Typeface.FamilyName} ascends above the line box");
            Assert.True(block.Descent >= (face.DescentUnits * scale) - 0.01f, $"{face.Typeface.FamilyName} descends below the line box");
        });
    }

    [Fact]
    public void LayoutIsDeterministic()
    {
        using var first = TextLayout.Fit(_theme, Mixed, Bold(92), KeyPointBox);
        using var second = TextLayout.Fit(_theme, Mixed, Bold(92), KeyPointBox);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.LineBounds(), second.LineBounds());
    }

    public void Dispose() => _theme.Dispose();

    private static TextStyle Bold(float size) => new(true, size, 36, SKColors.White, 6);

    private static TextStyle Regular(float size) => new(false, size, 36, SKColors.White, 6);

    private static IEnumerable<(string Text, ShapedFace Face, ushort[] Glyphs)> AllRuns(TextBlock block) =>
        Enumerable.Range(0, block.Lines.Count).SelectMany(block.RunsOf).Select(r => (r.Text, r.Face, r.Run.Glyphs.Glyphs));

    /// <summary>The longest word prefix of <see cref="LongHeadline"/> whose greedy wrap satisfies <paramref name="wanted"/>.</summary>
    private (string Text, List<float> GreedyWidths) PrefixWhere(float width, float size, Func<List<TextLine>, bool> wanted)
    {
        var words = LongHeadline.Split(' ');
        using var font = _theme.Bold.CreateFont(size);
        for (var n = words.Length; n > 1; n--)
        {
            var text = string.Join(' ', words.Take(n));
            var lines = TextLayout.Wrap(_theme.Bold, font, text, width, out _);
            if (wanted(lines))
            {
                return (text, lines.Select(l => l.Width).ToList());
            }
        }

        Assert.Fail("precondition: no prefix of the headline wraps that way");
        return default;
    }

    private void AssertNoMissingGlyphs(TextBlock block)
    {
        foreach (var (text, face, glyphs) in AllRuns(block))
        {
            Assert.DoesNotContain((ushort)0, glyphs);
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            {
                var c = char.ConvertToUtf32(text, i);
                Assert.True(CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || face.HasGlyph(c), $"{face.Typeface.FamilyName} has no glyph for U+{c:X4}");
            }
        }
    }

    private (int TextPixels, List<SKPointI> Outside) TextPixels(Slide slide)
    {
        // Diff the slide against its glyph-free twin: every differing pixel is a text pixel.
        using var glyphs = _renderer.RenderImage(slide, 0, 2, SlideFrame.Hd1080, [], drawGlyphs: true);
        using var noGlyphs = _renderer.RenderImage(slide, 0, 2, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var withText = SKBitmap.FromImage(glyphs);
        using var withoutText = SKBitmap.FromImage(noGlyphs);
        var outside = ContrastCheck.TextPixelsOutside(withText, withoutText, SafeArea.TitleSafe, out var textPixels);
        return (textPixels, outside);
    }
}
