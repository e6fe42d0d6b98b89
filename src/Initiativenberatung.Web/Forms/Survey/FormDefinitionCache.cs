using System.Collections.Frozen;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>
/// All form definitions in memory, so rendering the survey page runs no SQL. Loaded at start and reloaded by
/// <see cref="FormDefinitionCacheRefresher"/> when a definition changed.
/// </summary>
public sealed class FormDefinitionCache(FormDefinitionStore store, ILogger<FormDefinitionCache> logger)
{
    private volatile FrozenDictionary<Guid, FormDefinition> _forms = FrozenDictionary<Guid, FormDefinition>.Empty;

    /// <summary>The definition, or <c>null</c> when there is none (never queries the database).</summary>
    public FormDefinition? Get(Guid key) => _forms.GetValueOrDefault(key);

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var forms = new Dictionary<Guid, FormDefinition>();
        foreach (var record in await store.ListAsync(cancellationToken))
        {
            try
            {
                forms[record.Key] = FormDefinitionStore.ToDefinition(record);
            }
            catch (FormatException ex)
            {
                logger.LogWarning(ex, "Formular {Alias} konnte nicht gelesen werden.", record.Alias);
            }
        }

        _forms = forms.ToFrozenDictionary();
    }
}

/// <summary>
/// Reloads the cache when a form definition changed (form builder, deletion) and whenever a new published snapshot is in
/// place (the first one at start, a publish, a uSync import), so the survey shows the change at once.
/// </summary>
internal sealed class FormDefinitionCacheRefresher(FormDefinitionCache cache)
    : INotificationHandler<PublishedSnapshotChangedNotification>, INotificationHandler<IFormDefinitionNotification>
{
    public Task HandleAsync(IReadOnlyList<PublishedSnapshotChangedNotification> notifications, NotificationContext context, CancellationToken cancellationToken) =>
        cache.ReloadAsync(cancellationToken);

    public Task HandleAsync(IReadOnlyList<IFormDefinitionNotification> notifications, NotificationContext context, CancellationToken cancellationToken) =>
        cache.ReloadAsync(cancellationToken);
}
