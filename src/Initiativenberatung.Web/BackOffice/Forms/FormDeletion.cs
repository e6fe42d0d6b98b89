using Initiativenberatung.Core.Auditing;
using System.Globalization;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>The outcome of deleting a form: how many entries went with it and the notes of the save listeners (uSync).</summary>
public sealed record FormDeleteResult(int Entries, IReadOnlyList<string> Notes);

/// <summary>
/// Deletes a form with all its entries and recorded answer columns in one unit of work with a
/// <see cref="FormDeletedNotification"/>; its subscribers write the audit line, reload the form caches (the survey stops
/// offering it) and export uSync on save, which removes the form's <c>Forms/&lt;alias&gt;.config</c> as a stale file.
/// </summary>
public sealed class FormDeletion(CmsUnitOfWorkFactory units, FormEntryFieldCatalog catalog)
{
    public const string EntityType = FormNotification.Entity;

    public async Task<FormDeleteResult> DeleteAsync(Actor actor, FormDefinition form, CancellationToken cancellationToken = default)
    {
        await using var unit = units.Begin();
        var db = unit.Db;
        await unit.BeginTransactionAsync(cancellationToken);
        var entries = await db.FormEntries.Where(e => e.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
        await db.FormEntryFields.Where(f => f.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
        await db.FormDefinitions.Where(f => f.Key == form.Key).ExecuteDeleteAsync(cancellationToken);
        unit.Notify(new FormDeletedNotification(actor, form.Key, form.Name,
            string.Create(CultureInfo.InvariantCulture, $"alias={form.Alias}; {EntryCount.Text(entries)} gelöscht")));
        var notes = await unit.CompleteAsync(cancellationToken);
        catalog.Forget(form.Key);
        return new FormDeleteResult(entries, notes);
    }
}
