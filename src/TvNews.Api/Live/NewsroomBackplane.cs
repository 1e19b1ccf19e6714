using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace TvNews.Api.Live;

/// <summary>
/// The hub's lifetime manager with Redis configured: the Redis backplane for everything, except the local groups
/// (<see cref="LiveGroups.IsLocal"/>), which stay in this process as they would without Redis. Redis evaluates a
/// group's members when its message comes back from the server, not when it is sent; for the groups that every
/// instance fills itself (public events, render progress) that would only add a round trip per event, a dependency
/// on Redis being up for every push, and a window in which Resume's replay and a live push overlap.
/// </summary>
internal sealed class NewsroomBackplane(ILogger<RedisHubLifetimeManager<NewsroomHub>> logger, IOptions<RedisOptions> options, IHubProtocolResolver protocols,
    IOptions<HubOptions> globalHubOptions, IOptions<HubOptions<NewsroomHub>> hubOptions, ILogger<DefaultHubLifetimeManager<NewsroomHub>> localLogger)
    : RedisHubLifetimeManager<NewsroomHub>(logger, options, protocols, globalHubOptions, hubOptions)
{
    private readonly DefaultHubLifetimeManager<NewsroomHub> _local = new(localLogger);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        await _local.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        await base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.AddToGroupAsync(connectionId, groupName, cancellationToken)
            : base.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken)
            : base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.SendGroupAsync(groupName, methodName, args, cancellationToken)
            : base.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default) =>
        LiveGroups.IsLocal(groupName)
            ? _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken)
            : base.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var local = groupNames.Where(LiveGroups.IsLocal).ToList();
        var shared = groupNames.Where(g => !LiveGroups.IsLocal(g)).ToList();
        return Task.WhenAll(
            local.Count > 0 ? _local.SendGroupsAsync(local, methodName, args, cancellationToken) : Task.CompletedTask,
            shared.Count > 0 ? base.SendGroupsAsync(shared, methodName, args, cancellationToken) : Task.CompletedTask);
    }
}
