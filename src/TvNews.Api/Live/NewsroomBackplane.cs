using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TvNews.Api.Live;

/// <summary>
/// The hub's lifetime manager with Redis configured: the Redis backplane for everything, except the local groups
/// (<see cref="LiveGroups.IsLocal"/>), which stay in this process as they would without Redis. Redis evaluates a
/// group's members when its message comes back from the server, not when it is sent; for the groups that every
/// instance fills itself (public events, render progress) that would only add a round trip per event, a dependency
/// on Redis being up for every push, and a window in which Resume's replay and a live push overlap.
/// While Redis is down (or not up yet) the instance keeps serving its own clients: every connection and group
/// membership is also kept in the in-process manager, and a Redis call that fails (fast: see AddLiveUpdates) falls
/// back to it, so shared-group messages reach this instance's members only until Redis is back.
/// </summary>
internal sealed class NewsroomBackplane(ILogger<RedisHubLifetimeManager<NewsroomHub>> logger, IOptions<RedisOptions> options, IHubProtocolResolver protocols,
    IOptions<HubOptions> globalHubOptions, IOptions<HubOptions<NewsroomHub>> hubOptions, ILogger<DefaultHubLifetimeManager<NewsroomHub>> localLogger)
    : RedisHubLifetimeManager<NewsroomHub>(logger, options, protocols, globalHubOptions, hubOptions)
{
    private readonly DefaultHubLifetimeManager<NewsroomHub> _local = new(localLogger);
    private readonly ILogger _logger = logger;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await _local.OnConnectedAsync(connection);
        await OrLocalAsync(() => base.OnConnectedAsync(connection), null, "connect");
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        await OrLocalAsync(() => base.OnDisconnectedAsync(connection), null, "disconnect");
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        if (!LiveGroups.IsLocal(groupName))
            await OrLocalAsync(() => base.AddToGroupAsync(connectionId, groupName, cancellationToken), null, "join a group");
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        if (!LiveGroups.IsLocal(groupName))
            await OrLocalAsync(() => base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), null, "leave a group");
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.SendGroupAsync(groupName, methodName, args, cancellationToken)
            : OrLocalAsync(() => base.SendGroupAsync(groupName, methodName, args, cancellationToken),
                () => _local.SendGroupAsync(groupName, methodName, args, cancellationToken), "send to a group");

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken)
            : OrLocalAsync(() => base.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
                () => _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), "send to a group");

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var local = groupNames.Where(LiveGroups.IsLocal).ToList();
        var shared = groupNames.Where(g => !LiveGroups.IsLocal(g)).ToList();
        return Task.WhenAll(
            local.Count > 0 ? _local.SendGroupsAsync(local, methodName, args, cancellationToken) : Task.CompletedTask,
            shared.Count > 0
                ? OrLocalAsync(() => base.SendGroupsAsync(shared, methodName, args, cancellationToken),
                    () => _local.SendGroupsAsync(shared, methodName, args, cancellationToken), "send to groups")
                : Task.CompletedTask);
    }

    // A caller's own answers (Clients.Caller, ResyncRequired, replays) go to a connection of this instance: when Redis
    // never saw it connect, the in-process manager still has it.
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        OrLocalAsync(() => base.SendConnectionAsync(connectionId, methodName, args, cancellationToken),
            () => _local.SendConnectionAsync(connectionId, methodName, args, cancellationToken), "send to a connection");

    /// <param name="local">What to do instead when Redis fails; null when the in-process side was already done.</param>
    private async Task OrLocalAsync(Func<Task> redis, Func<Task>? local, string what)
    {
        try
        {
            await redis();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            _logger.LogWarning("Redis is unavailable ({Message}); could not {What} through the backplane, so this instance serves its own clients only", ex.Message, what);
            if (local is not null) await local();
        }
    }
}
