using System.Globalization;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Schema;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.Web.BackOffice.Forms;

/// <summary>The outcome of deleting a form: how many entries went with it and the notes of the save listeners (uSync).</summary>
public sealed record FormDeleteResult(int Entries, IReadOnlyList<string> Notes);

/// <summary>
/// Deletes a form with all its entries and recorded answer columns in one transaction with one audit entry; afterwards the
/// form listeners reload (the survey stops offering it) and the schema save listeners run, so uSync export-on-save removes
/// the form's <c>Forms/&lt;alias&gt;.config</c> as a stale file.
/// </summary>
public sealed class FormDeletion(
    IDbContextFactory<CmsDbContext> dbFactory,
    AuditService audit,
    FormEntryFieldCatalog catalog,
    IEnumerable<IFormDefinitionSavedListener> formListeners,
    IEnumerable<ISchemaSaveListener> schemaListeners,
    ILogger<FormDeletion> logger)
{
    public const string EntityType = "Form";

    public async Task<FormDeleteResult> DeleteAsync(Actor actor, FormDefinition form, CancellationToken cancellationToken = default)
    {
        int entries;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            entries = await db.FormEntries.Where(e => e.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
            await db.FormEntryFields.Where(f => f.FormKey == form.Key).ExecuteDeleteAsync(cancellationToken);
            await db.FormDefinitions.Where(f => f.Key == form.Key).ExecuteDeleteAsync(cancellationToken);
            audit.Add(db, actor, "Delete", EntityType, form.Key, form.Name,
                string.Create(CultureInfo.InvariantCulture, $"alias={form.Alias}; {EntryCount.Text(entries)} gelöscht"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        catalog.Forget(form.Key);
        foreach (var listener in formListeners)
        {
            await listener.OnFormSavedAsync(form, created: false, cancellationToken);
        }

        var notes = new List<string>();
        foreach (var listener in schemaListeners)
        {
            try
            {
                if (await listener.OnSavedAsync(new SchemaChange(EntityType, form.Key, form.Name, Created: false), cancellationToken) is { } note)
                {
                    notes.Add(note);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "Nachlauf nach dem Löschen des Formulars {Alias} fehlgeschlagen.", form.Alias);
            }
        }

        return new FormDeleteResult(entries, notes);
    }
}
