using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>The same story in English, Russian, Arabic and Persian, one slide of every kind, plus test pictures.</summary>
internal static class SampleDecks
{
    public static IReadOnlyDictionary<string, Slide[]> ByLanguage { get; } = new Dictionary<string, Slide[]>
    {
        ["en"] =
        [
            new(SlideKind.Title, "Lavrov says Moscow is ready for talks with Washington on strategic stability", "POLITICS", "19 May 2021, 14:30", 5),
            new(SlideKind.Image, "Russian Foreign Minister Sergei Lavrov speaks at a news conference in Moscow", "Reuters", null, 5),
            new(SlideKind.KeyPoint, "The talks could begin as early as June 2021 in Geneva, with 12 delegations taking part.", null, null, 5),
            new(SlideKind.Quote, "We are ready for dialogue, but only on the basis of mutual respect and equality", null, "Sergei Lavrov, Russian Foreign Minister", 5),
            new(SlideKind.Outro, "Sample News 24", "World news, around the clock", null, 4),
        ],
        ["ru"] =
        [
            new(SlideKind.Title, "Лавров: Москва готова к переговорам с Вашингтоном о стратегической стабильности", "ПОЛИТИКА", "19 мая 2021, 14:30", 5),
            new(SlideKind.Image, "Министр иностранных дел России Сергей Лавров на пресс-конференции в Москве", "ТАСС", null, 5),
            new(SlideKind.KeyPoint, "По словам министра, переговоры могут начаться уже в июне 2021 года в Женеве при участии 12 делегаций.", null, null, 5),
            new(SlideKind.Quote, "Мы готовы к диалогу, но только на основе взаимного уважения и равноправия", null, "Сергей Лавров, министр иностранных дел России", 5),
            new(SlideKind.Outro, "Новости 24", "Новости мира круглые сутки", null, 4),
        ],
        ["ar"] =
        [
            new(SlideKind.Title, "لافروف: موسكو مستعدة للحوار مع واشنطن حول الاستقرار الاستراتيجي", "سياسة", "19 مايو 2021، 14:30", 5),
            new(SlideKind.Image, "وزير الخارجية الروسي سيرغي لافروف خلال مؤتمر صحفي في موسكو", "رويترز", null, 5),
            new(SlideKind.KeyPoint, "قال الوزير إن المحادثات قد تبدأ في يونيو 2021 في جنيف بمشاركة 12 وفداً.", null, null, 5),
            new(SlideKind.Quote, "نحن مستعدون للحوار على أساس الاحترام المتبادل والمساواة", null, "سيرغي لافروف، وزير الخارجية الروسي", 5),
            new(SlideKind.Outro, "أخبار 24", "أخبار العالم على مدار الساعة", null, 4),
        ],
        ["fa"] =
        [
            new(SlideKind.Title, "لاوروف: مسکو آماده گفت‌وگو با واشنگتن درباره ثبات راهبردی است", "سیاست", "۲۹ اردیبهشت ۱۴۰۰، ۱۴:۳۰", 5),
            new(SlideKind.Image, "سرگئی لاوروف، وزیر امور خارجه روسیه، در نشست خبری در مسکو", "ایرنا", null, 5),
            new(SlideKind.KeyPoint, "به گفته وزیر، گفت‌وگوها ممکن است در خرداد ۱۴۰۰ با حضور ۱۲ هیئت در ژنو آغاز شود.", null, null, 5),
            new(SlideKind.Quote, "ما آماده گفت‌وگو بر پایه احترام متقابل و برابری هستیم", null, "سرگئی لاوروف، وزیر امور خارجه روسیه", 5),
            new(SlideKind.Outro, "خبر ۲۴", "اخبار جهان در تمام ساعات شبانه‌روز", null, 4),
        ],
        ["zh"] =
        [
            new(SlideKind.Title, "拉夫罗夫：莫斯科准备就战略稳定问题与华盛顿举行会谈", "政治", "2021年5月19日 14:30", 5),
            new(SlideKind.Image, "俄罗斯外交部长拉夫罗夫在莫斯科举行的新闻发布会上讲话", "路透社", null, 5),
            new(SlideKind.KeyPoint, "据部长介绍，会谈最早可能于2021年6月在日内瓦举行，共有12个代表团参加。", null, null, 5),
            new(SlideKind.Quote, "我们愿意进行对话，但只能在相互尊重和平等的基础上进行", null, "俄罗斯外交部长拉夫罗夫", 5),
            new(SlideKind.Outro, "新闻24", "全天候世界新闻", null, 4),
        ],
        ["ja"] =
        [
            new(SlideKind.Title, "ラブロフ外相、戦略的安定をめぐり米国との協議に応じる用意", "政治", "2021年5月19日 14:30", 5),
            new(SlideKind.Image, "モスクワで記者会見するロシアのラブロフ外相", "ロイター", null, 5),
            new(SlideKind.KeyPoint, "外相によると、協議は早ければ2021年6月にジュネーブで始まり、12の代表団が参加する見通しだ。", null, null, 5),
            new(SlideKind.Quote, "相互の尊重と平等に基づく対話であれば、我々はいつでも応じる用意がある", null, "ラブロフ外相", 5),
            new(SlideKind.Outro, "ニュース24", "世界のニュースを24時間", null, 4),
        ],
    };

    public static IEnumerable<string> Languages => ByLanguage.Keys;

    /// <summary>A deterministic "photo": sky-to-ground gradient with bright shapes, so scrims have something to fight.</summary>
    public static string Photo(string folder, string name, SKColor top, SKColor bottom)
    {
        var path = Path.Combine(folder, name + ".png");
        if (File.Exists(path)) return path;
        using var surface = SKSurface.Create(new SKImageInfo(1600, 1200, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 1200), [top, bottom], SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(SKRect.Create(1600, 1200), paint);
        }

        var random = new Random(42);
        using var spot = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 60; i++)
        {
            spot.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawCircle(random.Next(1600), random.Next(1200), random.Next(20, 160), spot);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    /// <summary>A plain white picture: the worst case for white text.</summary>
    public static string WhitePhoto(string folder)
    {
        var path = Path.Combine(folder, "white.png");
        if (File.Exists(path)) return path;
        using var bitmap = new SKBitmap(800, 600);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
