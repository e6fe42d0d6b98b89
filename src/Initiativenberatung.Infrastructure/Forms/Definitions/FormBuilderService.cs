using System.Globalization;
using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Core.Validation;
using Initiativenberatung.Infrastructure.Notifications;
using Initiativenberatung.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Initiativenberatung.Infrastructure.Forms.Definitions;

public sealed record FormBuilderSaveResult(FormDefinition? Form, IReadOnlyList<FormDefinitionError> Errors, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Errors.Count == 0 && Form is not null;
}

/// <summary>
/// The write path of form definitions (with <see cref="FormDeletion"/>): the rules of <see cref="FormDefinitionValidator"/>,
/// then the record in one unit of work with a <see cref="FormSavedNotification"/> (and a
/// <see cref="FormProtectedSettingsChangedNotification"/>); its subscribers write the audit lines, reload the form caches and
/// export uSync on save (which writes <c>uSync/v17/Forms/&lt;alias&gt;.config</c> when <c>ExportOnSave</c> includes Settings).
/// The uSync import stores through <see cref="ImportAsync"/>. Also the form builder's reads.
/// </summary>
public sealed class FormBuilderService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    TimeProvider clock,
    ILogger<FormBuilderService> logger) : IDisposable
{
    /// <summary>
    /// One save at a time in this process (per process, not shared): a save reads the other forms' aliases and whether its
    /// key exists before it writes, outside a transaction. The lock makes two concurrent saves here see each other, so a
    /// clash is the German alias/key error instead of a unique-index violation; across processes the unique indexes on
    /// <c>Key</c> and <c>Alias</c> still refuse the second write.
    /// </summary>
    private readonly SemaphoreSlim _saveLock = new(1, 1);

    public void Dispose() => _saveLock.Dispose();

    public async Task<IReadOnlyList<FormDefinitionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FormDefinitions.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The definition, or <c>null</c> when missing or unreadable.</summary>
    public async Task<FormDefinition?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.FormDefinitions.AsNoTracking().SingleOrDefaultAsync(f => f.Key == key, cancellationToken);
        return record is null ? null : TryRead(record, beforeSave: false);
    }

    /// <summary>Content pages that can be chosen as the redirect target after submission (not in the recycle bin).</summary>
    public async Task<IReadOnlyList<(Guid Key, string Name)>> ContentPagesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nodes = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed)
            .OrderBy(n => n.Level).ThenBy(n => n.SortOrder).Select(n => new { n.Key, n.Name }).ToListAsync(cancellationToken);
        return [.. nodes.Select(n => (n.Key, n.Name))];
    }

    /// <summary>Creates an empty form with one page, one fieldset and one column.</summary>
    public static FormDefinition NewForm(string name, string alias) => new()
    {
        Key = Guid.NewGuid(),
        Name = name,
        Alias = alias,
        Pages = [NewPage()],
    };

    public static FormPage NewPage(string? caption = null) => new()
    {
        Caption = caption,
        Fieldsets = [new FormFieldset { Key = Guid.NewGuid(), Columns = [new FormColumn()] }],
    };

    /// <param name="created">Whether the form is new (its key must not exist yet).</param>
    /// <param name="protectedMode">
    /// Whether the caller may change retention, local storage and time precision (see <see cref="ProtectedFormSettings"/>);
    /// by default the stored values stay.
    /// </param>
    public async Task<FormBuilderSaveResult> SaveAsync(FormDefinition form, bool created, Actor actor,
        ProtectedSettingsMode protectedMode = ProtectedSettingsMode.Keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        FormDefinitionValidator.Normalize(form);
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var unit = units.Begin();
            var db = unit.Db;
            var others = await db.FormDefinitions.AsNoTracking().Where(f => f.Key != form.Key).Select(f => f.Alias).ToListAsync(cancellationToken);
            var existing = await db.FormDefinitions.SingleOrDefaultAsync(f => f.Key == form.Key, cancellationToken);
            if (created == (existing is not null))
            {
                return new(null, [new("", Messages.Get(created ? "Forms.Form.KeyExists" : "Forms.Form.NotFound"))], []);
            }

            var previous = existing is null ? null : TryRead(existing, beforeSave: true);
            if (previous is not null)
            {
                FormConditionReferences.RenameAliases(previous, form);
            }

            var stored = previous ?? new FormDefinition();
            IReadOnlyList<ProtectedSettingChange> protectedChanges = [];
            if (protectedMode == ProtectedSettingsMode.Keep)
            {
                ProtectedFormSettings.KeepStored(stored, form);
            }
            else
            {
                protectedChanges = ProtectedFormSettings.Changes(stored, form);
                if (protectedChanges.Count > 0 && protectedMode != ProtectedSettingsMode.Change)
                {
                    return new(null, [new(ProtectedFormSettings.ConfirmationField, ProtectedFormSettings.ConfirmationMessage(protectedChanges))], []);
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            FormRetention.CarryOver(previous, form, now);

            var pages = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed).Select(n => n.Key).ToListAsync(cancellationToken);
            var errors = FormDefinitionValidator.Validate(form, others, pages.ToHashSet());
            if (errors.Count > 0)
            {
                return new(null, errors, []);
            }

            Store(unit, existing, form, now, protectedChanges, actor);
            var notes = await unit.CompleteAsync(cancellationToken);
            return new(form, [], notes);
        }
        finally
        {
            _saveLock.Release();
        }
    }

    /// <summary>
    /// Stores a form as the uSync importer read it, in the import's unit of work: its key and its protected settings
    /// (retention, local storage, time precision) as the file says, with the same notifications as an editor's save (the
    /// form caches reload). No editor checks: the importer checked the alias, and a redirect page may come later in the
    /// same import. Saved before completing, so a database error dooms the import instead of auditing an unwritten form.
    /// </summary>
    /// <returns>The stored record.</returns>
    public async Task<FormDefinitionRecord> ImportAsync(FormDefinition form, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(actor);
        await using var unit = units.Begin();
        var existing = await unit.Db.FormDefinitions.SingleOrDefaultAsync(f => f.Key == form.Key, cancellationToken);
        var previous = existing is null ? null : TryRead(existing, beforeSave: false);
        var now = clock.GetUtcNow().UtcDateTime;
        FormRetention.CarryOver(previous, form, now);
        var record = Store(unit, existing, form, now, previous is null ? [] : ProtectedFormSettings.Changes(previous, form), actor);
        await unit.SaveChangesAsync(cancellationToken);
        await unit.CompleteAsync(cancellationToken);
        return record;
    }

    /// <summary>Adds or updates the record and raises the save (and protected settings) notification.</summary>
    private static FormDefinitionRecord Store(CmsUnitOfWork unit, FormDefinitionRecord? existing, FormDefinition form, DateTime now,
        IReadOnlyList<ProtectedSettingChange> protectedChanges, Actor actor)
    {
        var record = FormDefinitionStore.ToRecord(form, now);
        if (existing is null)
        {
            unit.Db.FormDefinitions.Add(record);
        }
        else
        {
            unit.Db.Entry(existing).CurrentValues.SetValues(record);
        }

        unit.Notify(new FormSavedNotification(actor, form.Key, form.Name,
            string.Format(CultureInfo.InvariantCulture, "alias={0}; pages={1}; fields={2}", form.Alias, form.Pages.Count, form.AllFields().Count()), existing is null));
        if (protectedChanges.Count > 0)
        {
            unit.Notify(new FormProtectedSettingsChangedNotification(actor, form.Key, form.Name, string.Join("; ", protectedChanges)));
        }

        return record;
    }

    private FormDefinition? TryRead(FormDefinitionRecord record, bool beforeSave)
    {
        try
        {
            return FormDefinitionStore.ToDefinition(record);
        }
        catch (FormatException ex)
        {
            if (beforeSave)
            {
                logger.LogWarning(ex, "Gespeichertes Formular {Alias} ist nicht lesbar; Bedingungen werden nicht umbenannt.", record.Alias);
            }
            else
            {
                logger.LogWarning(ex, "Formular {Alias} ist nicht lesbar.", record.Alias);
            }

            return null;
        }
    }
}
