' The app's own words in the channel's language (the channel manifest's language, not the device's:
' a Persian channel speaks Persian on any Roku). English is the fallback for a language without a
' table and for any key a table lacks. {time}, {date} and {duration} are filled in by the caller.

function UiLanguages() as Object
    return ["en", "ar", "fa", "es", "fr"]
end function

' The string table for a language code or tag ("fa", "fa-IR"), every key present.
function UiStrings(language as String) as Object
    code = LCase(language)
    dash = code.InStr("-")
    if dash > 0 then code = code.Left(dash)
    strings = uiStringsEnglish()
    table = invalid
    if code = "ar" then table = uiStringsArabic()
    if code = "fa" then table = uiStringsPersian()
    if code = "es" then table = uiStringsSpanish()
    if code = "fr" then table = uiStringsFrench()
    strings.language = "en"
    if table <> invalid
        strings.language = code
        for each key in table
            strings[key] = table[key]
        end for
    end if
    return strings
end function

function uiStringsEnglish() as Object
    return {
        loading: "Loading the latest stories…",
        errorUnreachable: "We can't reach the news service right now.",
        errorEmpty: "There are no stories yet. Please check back soon.",
        errorMalformed: "The news could not be read.",
        errorTooLarge: "The news feed is too large to load.",
        errorHint: "Check your connection and try again.",
        retry: "Try again",
        play: "Play",
        resume: "Resume from {time}",
        startOver: "Start over",
        watchLive: "Watch live",
        live: "LIVE",
        liveRow: "Live TV",
        breaking: "BREAKING",
        topStory: "Top story",
        allStories: "All stories",
        unavailable: "This story is no longer available.",
        playError: "This video can't be played right now.",
        meta: "{date} · {duration}",
        dateFormat: "{month} {day}, {year}",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }
end function

function uiStringsArabic() as Object
    return {
        loading: "جارٍ تحميل آخر الأخبار…",
        errorUnreachable: "تعذّر الوصول إلى خدمة الأخبار حالياً.",
        errorEmpty: "لا توجد أخبار بعد. يُرجى العودة لاحقاً.",
        errorMalformed: "تعذّرت قراءة الأخبار.",
        errorTooLarge: "موجز الأخبار أكبر من أن يُحمَّل.",
        errorHint: "تحقّق من الاتصال وحاول مرة أخرى.",
        retry: "إعادة المحاولة",
        play: "تشغيل",
        resume: "استئناف من {time}",
        startOver: "من البداية",
        watchLive: "شاهد البث المباشر",
        live: "مباشر",
        liveRow: "البث المباشر",
        breaking: "عاجل",
        topStory: "أبرز الأخبار",
        allStories: "كل الأخبار",
        unavailable: "لم يعد هذا الخبر متاحاً.",
        playError: "تعذّر تشغيل هذا الفيديو حالياً.",
        meta: "{date} · {duration}",
        dateFormat: "{day} {month} {year}",
        months: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
    }
end function

function uiStringsPersian() as Object
    return {
        loading: "در حال بارگذاری تازه‌ترین خبرها…",
        errorUnreachable: "در حال حاضر دسترسی به سرویس خبر ممکن نیست.",
        errorEmpty: "هنوز خبری نیست. لطفاً بعداً سر بزنید.",
        errorMalformed: "خبرها خوانده نشد.",
        errorTooLarge: "فهرست خبرها برای بارگذاری بیش از حد بزرگ است.",
        errorHint: "اتصال خود را بررسی کنید و دوباره تلاش کنید.",
        retry: "تلاش دوباره",
        play: "پخش",
        resume: "ادامه از {time}",
        startOver: "از ابتدا",
        watchLive: "تماشای زنده",
        live: "زنده",
        liveRow: "پخش زنده",
        breaking: "فوری",
        topStory: "خبر اصلی",
        allStories: "همه خبرها",
        unavailable: "این خبر دیگر در دسترس نیست.",
        playError: "این ویدیو اکنون پخش نمی‌شود.",
        meta: "{date} · {duration}",
        dateFormat: "{day} {month} {year}",
        months: ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]
    }
end function

function uiStringsSpanish() as Object
    return {
        loading: "Cargando las últimas noticias…",
        errorUnreachable: "No podemos conectar con el servicio de noticias en este momento.",
        errorEmpty: "Aún no hay noticias. Vuelve a consultar pronto.",
        errorMalformed: "No se pudieron leer las noticias.",
        errorTooLarge: "El feed de noticias es demasiado grande para cargarlo.",
        errorHint: "Comprueba la conexión e inténtalo de nuevo.",
        retry: "Reintentar",
        play: "Reproducir",
        resume: "Reanudar desde {time}",
        startOver: "Desde el principio",
        watchLive: "Ver en directo",
        live: "EN DIRECTO",
        liveRow: "TV en directo",
        breaking: "ÚLTIMA HORA",
        topStory: "Noticia principal",
        allStories: "Todas las noticias",
        unavailable: "Esta noticia ya no está disponible.",
        playError: "No se puede reproducir este vídeo ahora.",
        meta: "{date} · {duration}",
        dateFormat: "{day} de {month} de {year}",
        months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    }
end function

function uiStringsFrench() as Object
    return {
        loading: "Chargement des dernières informations…",
        errorUnreachable: "Le service d'information est injoignable pour le moment.",
        errorEmpty: "Aucun sujet pour l'instant. Revenez bientôt.",
        errorMalformed: "Les informations n'ont pas pu être lues.",
        errorTooLarge: "Le flux d'informations est trop volumineux pour être chargé.",
        errorHint: "Vérifiez votre connexion et réessayez.",
        retry: "Réessayer",
        play: "Lire",
        resume: "Reprendre à {time}",
        startOver: "Reprendre au début",
        watchLive: "Regarder en direct",
        live: "EN DIRECT",
        liveRow: "Direct",
        breaking: "ALERTE INFO",
        topStory: "À la une",
        allStories: "Tous les sujets",
        unavailable: "Ce sujet n'est plus disponible.",
        playError: "Cette vidéo ne peut pas être lue pour le moment.",
        meta: "{date} · {duration}",
        dateFormat: "{day} {month} {year}",
        months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    }
end function

' "rtl" for the right-to-left scripts among channel languages, else "ltr"; the package writes the
' channel's direction into config/channel.json, this is the fallback when it is missing.
function UiDirection(language as String) as String
    code = LCase(language)
    dash = code.InStr("-")
    if dash > 0 then code = code.Left(dash)
    if code = "ar" or code = "fa" or code = "he" or code = "ur" then return "rtl"
    return "ltr"
end function

' The message for a feed error code (ParseRokuFeed's errorCode or a network failure).
function UiErrorMessage(strings as Object, errorCode as String) as String
    if errorCode = "noStories" or errorCode = "empty" then return strings.errorEmpty
    if errorCode = "malformed" then return strings.errorMalformed
    if errorCode = "tooLarge" then return strings.errorTooLarge
    return strings.errorUnreachable
end function

' "1:14", or "1:02:03" past an hour; "" for no duration (the live stream).
function UiDuration(seconds as Integer) as String
    if seconds <= 0 then return ""
    hours = Int(seconds / 3600)
    minutes = Int((seconds mod 3600) / 60)
    rest = seconds mod 60
    text = ""
    if hours > 0
        text = hours.ToStr() + ":" + uiTwoDigits(minutes)
    else
        text = minutes.ToStr()
    end if
    return text + ":" + uiTwoDigits(rest)
end function

' A feed date ("2026-03-01", or the date part of a date-time) in the language's words; "" when it is not one.
function UiDate(strings as Object, isoDate as String) as String
    if Len(isoDate) < 10 then return ""
    year = isoDate.Left(4)
    month = isoDate.Mid(5, 2).ToInt()
    day = isoDate.Mid(8, 2).ToInt()
    if month < 1 or month > 12 or day < 1 or day > 31 or year.ToInt() < 1970 then return ""
    text = strings.dateFormat.Replace("{day}", day.ToStr())
    text = text.Replace("{month}", strings.months[month - 1])
    return text.Replace("{year}", year)
end function

' The details line: date and duration, either left out when unknown.
function UiMeta(strings as Object, isoDate as String, seconds as Integer) as String
    date = UiDate(strings, isoDate)
    duration = UiDuration(seconds)
    if date = "" then return duration
    if duration = "" then return date
    return strings.meta.Replace("{date}", date).Replace("{duration}", duration)
end function

function uiTwoDigits(value as Integer) as String
    if value < 10 then return "0" + value.ToStr()
    return value.ToStr()
end function
