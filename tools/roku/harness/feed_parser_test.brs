' Runs ParseRokuFeed from the app source off-device and prints a line-based result.
'
' The brs CLI passes no arguments to Main and has no roUrlTransfer, so the feed is read from
' pkg:/feed.json, where pkg:/ is the folder given with --root:
'
'   cp some-feed.json /tmp/run/feed.json
'   node tools/roku/node_modules/.bin/brs --root /tmp/run \
'       tools/roku/harness/feed_parser_test.brs \
'       src/TvNews.Core/Packaging/RokuApp/components/FeedParser.brs
'
' Output, one record per line, fields separated by "|":
'   RESULT|<ok true/false>|<error>
'   EMPTY|<true when the JSON was readable but had no playable story>
'   ROW|<title>|<item count>                      (per row)
'   ITEM|<id>|<title>|<videoUrl>|<streamFormat>|<duration>|<releaseDate>   (per item of that row)
'   CAPTION|<id>|<url>|<language>                 (per caption of that item)
'   ROWS|<row count>
'   DONE
' brs exits 0 even after a runtime error, so callers must require the final DONE line.
sub Main()
    result = ParseRokuFeed(ReadAsciiFile("pkg:/feed.json"))
    print "RESULT|" + LCase(result.ok.ToStr()) + "|" + result.error
    print "EMPTY|" + LCase(result.empty.ToStr())
    for each row in result.rows
        print "ROW|" + row.title + "|" + row.items.Count().ToStr()
        for each item in row.items
            print "ITEM|" + item.id + "|" + item.title + "|" + item.videoUrl + "|" + item.streamFormat + "|" + item.duration.ToStr() + "|" + item.releaseDate
            for each caption in item.captions
                print "CAPTION|" + item.id + "|" + caption.url + "|" + caption.language
            end for
        end for
    end for
    print "ROWS|" + result.rows.Count().ToStr()
    print "DONE"
end sub
