using Initiativenberatung.Core.Publishing;
using Initiativenberatung.Infrastructure.Publishing;
using Microsoft.AspNetCore.OutputCaching;

namespace Initiativenberatung.Web.Hosting;

/// <summary>Evicts the output-cache entries of one tag whenever a new published snapshot is swapped in.</summary>
internal sealed class SnapshotCacheEviction(PublishedSnapshotService snapshots, IOutputCacheStore store, string tag) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        snapshots.SnapshotChanged += EvictAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        snapshots.SnapshotChanged -= EvictAsync;
        return Task.CompletedTask;
    }

    private async Task EvictAsync(PublishedSnapshot snapshot, CancellationToken cancellationToken) =>
        await store.EvictByTagAsync(tag, cancellationToken);
}

public static class SnapshotCacheEvictionRegistration
{
    /// <summary>Cached answers tagged <paramref name="tag"/> live until the next publish.</summary>
    public static IServiceCollection AddSnapshotCacheEviction(this IServiceCollection services, string tag) =>
        services.AddSingleton<IHostedService>(provider => new SnapshotCacheEviction(
            provider.GetRequiredService<PublishedSnapshotService>(), provider.GetRequiredService<IOutputCacheStore>(), tag));
}
