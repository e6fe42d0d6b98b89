using System.Globalization;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Infrastructure.Forms.Definitions;

/// <summary>The outcome of deleting a form: how many entries went with it and the notes of the save listeners (uSync).</summary>
public sealed record FormDeleteResult(int Entries, IReadOnlyList<string> Notes);

/// <summary>
/// Deletes a form with all its entries and recorded answer columns in one unit of work with a
/// <see cref="FormDeletedNotification"/>; its subscribers write the audit line, reload the form caches (the survey stops
/// offering it), let the entry field catalogue forget the form and export uSync on save, which removes the form's
/// <c>Forms/&lt;alias&gt;.config</c> as a stale file.
/// </summary>
public sealed class FormDeletion(CmsUnitOfWorkFactory units)
{
    public async Task<FormDeleteResult> DeleteAsync(Actor actor, FormDefinition form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(form);
        await using var unit = units.Begin();
        var db = unit.Db;
        await unit.BeginTransactionAsync(cancellationToken);
        var entries = await db.FormEntries.Where(e => e.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
        await db.FormEntryFields.Where(f => f.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
        await db.FormDefinitions.Where(f => f.Key == form.Key).ExecuteDeleteAsync(cancellationToken);
        unit.Notify(new FormDeletedNotification(actor, form.Key, form.Name,
            string.Create(CultureInfo.InvariantCulture, $"alias={form.Alias}; {EntryCount.Text(entries)} gelöscht")));
        var notes = await unit.CompleteAsync(cancellationToken);
        return new FormDeleteResult(entries, notes);
    }
}
