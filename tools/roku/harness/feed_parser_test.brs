' Runs ParseRokuFeed from the app source off-device and prints a line-based result.
'
' The brs CLI passes no arguments to Main, so the feed is read from pkg:/feed.json, where pkg:/ is
' the folder given with --root:
'
'   cp some-feed.json /tmp/run/feed.json
'   node tools/roku/harness/run-brs.js --root /tmp/run \
'       tools/roku/harness/feed_parser_test.brs \
'       src/TvNews.Core/Packaging/RokuApp/components/FeedParser.brs
'
' Output, one record per line, fields separated by "|":
'   RESULT|<ok true/false>|<errorCode>|<error>
'   EMPTY|<true when the JSON was readable but had no playable story>
'   LIVE|<id>|<title>|<videoUrl>|<streamFormat>   (when the feed has a playable liveFeeds entry)
'   HERO|<id>|<breaking true/false>               (when there is a hero)
'   ROW|<kind>|<title>|<item count>               (per row)
'   ITEM|<id>|<title>|<videoUrl>|<streamFormat>|<duration>|<releaseDate>   (per item of that row)
'   STORIES|<count>
'   CAPTION|<id>|<url>|<language>|<format>        (per caption of each story)
'   SUB|<id>|<Language>|<TrackName>|<Description>  (per SubtitleTracks entry the app gives the Video node)
'   BIF|<id>|<sd>|<hd>|<fhd>                       (per story)
'   ROWS|<row count>
'   DONE
' brs exits 0 even after a runtime error, so callers must require the final DONE line.
sub Main()
    result = ParseRokuFeed(ReadAsciiFile("pkg:/feed.json"))
    print "RESULT|" + LCase(result.ok.ToStr()) + "|" + result.errorCode + "|" + result.error
    print "EMPTY|" + LCase(result.empty.ToStr())
    if result.live <> invalid then print "LIVE|" + result.live.id + "|" + result.live.title + "|" + result.live.videoUrl + "|" + result.live.streamFormat
    if result.hero <> invalid then print "HERO|" + result.hero.item.id + "|" + LCase(result.hero.breaking.ToStr())
    for each row in result.rows
        print "ROW|" + row.kind + "|" + row.title + "|" + row.items.Count().ToStr()
        for each item in row.items
            print "ITEM|" + item.id + "|" + item.title + "|" + item.videoUrl + "|" + item.streamFormat + "|" + item.duration.ToStr() + "|" + item.releaseDate
        end for
    end for
    print "STORIES|" + result.stories.Count().ToStr()
    for each story in result.stories
        for each caption in story.captions
            print "CAPTION|" + story.id + "|" + caption.url + "|" + caption.language + "|" + caption.format
        end for
        for each track in FeedParserSubtitleTracks(story)
            print "SUB|" + story.id + "|" + track.Language + "|" + track.TrackName + "|" + track.Description
        end for
        print "BIF|" + story.id + "|" + story.bifSd + "|" + story.bifHd + "|" + story.bifFhd
    end for
    print "ROWS|" + result.rows.Count().ToStr()
    print "DONE"
end sub
