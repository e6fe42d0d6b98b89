using System.Collections.Frozen;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Publishing;

namespace Initiativenberatung.Web.Forms.Survey;

/// <summary>
/// All form definitions in memory, so rendering the survey page runs no SQL. Loaded at start and reloaded whenever a new
/// published snapshot is swapped in (publish, uSync import) or <see cref="ReloadAsync"/> is called (form builder save).
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

/// <summary>Reloads the cache when the form builder saved a definition, so the survey shows the change at once.</summary>
internal sealed class FormDefinitionCacheRefresher(FormDefinitionCache cache) : IFormDefinitionSavedListener
{
    public Task OnFormSavedAsync(FormDefinition form, bool created, CancellationToken cancellationToken) => cache.ReloadAsync(cancellationToken);
}

/// <summary>Fills the cache at start and after every snapshot change.</summary>
internal sealed class FormDefinitionCacheLoader(FormDefinitionCache cache, PublishedSnapshotService snapshots) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        snapshots.SnapshotChanged += ReloadAsync;
        await cache.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        snapshots.SnapshotChanged -= ReloadAsync;
        return Task.CompletedTask;
    }

    private Task ReloadAsync(Core.Publishing.PublishedSnapshot snapshot, CancellationToken cancellationToken) => cache.ReloadAsync(cancellationToken);
}
