using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TvNews.Api.Channels;
using TvNews.Data.Events;

namespace TvNews.Api.Live;

/// <summary>What a long-poll answers: the events after since (oldest first) and the seq to ask from next.</summary>
public sealed record ChangesResponse(string ChannelId, long LastSeq, bool ResyncRequired, IReadOnlyList<ChangeDto> Events);

/// <summary>
/// Public events for clients without a WebSocket: long-poll for Roku devices, Server-Sent Events for the rest. Both
/// anonymous, read-only, CORS open. Both read the event log and park on <see cref="ChannelEventSignal"/>, which the
/// relay completes per new batch: a parked request costs no database work until something happens.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/channels/{channelId}").WithTags("Devices").AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
                return await next(context);
            });
        group.MapGet("/changes", ChangesAsync);
        group.MapGet("/events", EventsAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    /// <summary>
    /// Long-poll: answers at once with the events after <paramref name="since"/>, else waits up to
    /// <paramref name="wait"/> seconds for the next. Without since it answers the current position at once (where a
    /// new device starts). A since the log can no longer serve answers resyncRequired with the current position.
    /// </summary>
    private static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult>> ChangesAsync(string channelId, string? since, string? wait,
        ChannelCatalog catalog, ChannelEventLog log, ChannelEventSignal signal, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var settings = options.Value;
        if (catalog.Find(channelId) is null) return ChannelProblems.Unknown(channelId);
        long? from = null;
        if (since is not null)
        {
            if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                return BadRequest($"since must be a whole number of 0 or more (the lastSeq of the previous answer); got '{since}'.");
            from = s;
        }
        var waitSeconds = 0;
        if (wait is not null && (!int.TryParse(wait, NumberStyles.None, CultureInfo.InvariantCulture, out waitSeconds) || waitSeconds > settings.LongPollMaxWaitSeconds))
            return BadRequest($"wait must be a whole number of seconds from 0 to {settings.LongPollMaxWaitSeconds}; got '{wait}'.");
        http.Response.Headers.CacheControl = "no-store";

        // Taken before the read: a batch relayed between the read and the wait still wakes this request.
        var next = signal.NextAsync(channelId);
        var position = await log.PositionAsync(channelId, ct);
        if (position is null) return ChannelProblems.Unknown(channelId);
        if (from is not { } after) return TypedResults.Ok(new ChangesResponse(channelId, position.LastSeq, false, []));
        if (position.NeedsResync(after)) return TypedResults.Ok(new ChangesResponse(channelId, position.LastSeq, true, []));
        if (after < position.LastSeq || waitSeconds == 0)
            return TypedResults.Ok(Answer(channelId, after, (await log.ReadAsync(channelId, after, settings.MaxEventsPerAnswer, ct)).Select(ChangeDto.From).ToList()));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        IReadOnlyList<ChangeDto> batch;
        try
        {
            batch = await next.WaitAsync(TimeSpan.FromSeconds(waitSeconds), clock, stop.Token);
        }
        catch (Exception e) when (e is TimeoutException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return TypedResults.Ok(Answer(channelId, after, [])); // nothing new (or the server is stopping): ask again
        }
        // Up to date when parked: the batch is exactly what follows. Otherwise (a batch raced the read) read the log.
        if (batch.Count > 0 && batch[0].Seq == after + 1) return TypedResults.Ok(Answer(channelId, after, batch));
        return TypedResults.Ok(Answer(channelId, after, (await log.ReadAsync(channelId, after, settings.MaxEventsPerAnswer, ct)).Select(ChangeDto.From).ToList()));
    }

    private static ChangesResponse Answer(string channelId, long after, IReadOnlyList<ChangeDto> events) =>
        new(channelId, events.Count > 0 ? events[^1].Seq : after, false, events);

    /// <summary>
    /// Server-Sent Events: <c>id:</c> is the seq, <c>event:</c> the type, <c>data:</c> the event as the long-poll
    /// lists it. Resumes after the Last-Event-ID header (what a browser's EventSource sends when it reconnects) or
    /// the <c>lastEventId</c> query; without either it starts at the current position. An idle stream sends a
    /// comment every <see cref="LiveOptions.SseHeartbeat"/>. A position the log cannot serve gets a ResyncRequired event.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> EventsAsync(string channelId, string? lastEventId,
        ChannelCatalog catalog, ChannelEventLog log, ChannelEventSignal signal, ChannelEventRelay relay, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var settings = options.Value;
        if (catalog.Find(channelId) is null) return ChannelProblems.Unknown(channelId);
        var resumeFrom = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
        long? from = null;
        if (!string.IsNullOrEmpty(resumeFrom))
        {
            if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
                return BadRequest($"Last-Event-ID must be a seq this stream sent (a whole number of 0 or more); got '{resumeFrom}'.");
            from = s;
        }
        var next = signal.NextAsync(channelId);
        var position = await log.PositionAsync(channelId, ct);
        if (position is null) return ChannelProblems.Unknown(channelId);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        var body = http.Response.Body;
        var after = from ?? position.LastSeq;
        try
        {
            if (from is { } f && position.NeedsResync(f))
            {
                await WriteAsync(body, $"event: ResyncRequired\ndata: {JsonSerializer.Serialize(new ResyncRequiredEvent(channelId, position.LastSeq), JsonSerializerOptions.Web)}\n\n", stop.Token);
                after = position.LastSeq;
            }
            else await WriteAsync(body, ": connected\n\n", stop.Token); // sends the headers now, so the client knows it is connected
            IReadOnlyList<ChangeDto>? batch = null;
            var read = true; // read the log: at the start, after a wake-up the batch does not cover, when more is waiting
            while (!stop.IsCancellationRequested)
            {
                var events = batch is { Count: > 0 } && batch[0].Seq == after + 1 ? batch
                    : read ? (await log.ReadAsync(channelId, after, settings.MaxEventsPerAnswer, stop.Token)).Select(ChangeDto.From).ToList()
                    : [];
                batch = null;
                read = false;
                if (events.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var e in events)
                        text.Append("id: ").Append(e.Seq.ToString(CultureInfo.InvariantCulture)).Append("\nevent: ").Append(e.Type)
                            .Append("\ndata: ").Append(JsonSerializer.Serialize(e, JsonSerializerOptions.Web)).Append("\n\n");
                    await WriteAsync(body, text.ToString(), stop.Token);
                    after = events[^1].Seq;
                }
                // More in the log than one page, or a batch was relayed between the last wake-up and taking the next signal.
                if (events.Count >= settings.MaxEventsPerAnswer || relay.RelayedSeq(channelId) > after)
                {
                    read = true;
                    continue;
                }
                try
                {
                    batch = await next.WaitAsync(settings.SseHeartbeat, clock, stop.Token);
                    next = signal.NextAsync(channelId);
                    read = true;
                }
                catch (TimeoutException)
                {
                    await WriteAsync(body, ": heartbeat\n\n", stop.Token); // the same signal stays armed: no query for a heartbeat
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping: the stream just ends; the client resumes with Last-Event-ID.
        }
        return TypedResults.Empty;
    }

    private static async Task WriteAsync(Stream body, string text, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await body.FlushAsync(ct);
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: detail);
}
