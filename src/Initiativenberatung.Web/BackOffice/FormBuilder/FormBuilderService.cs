using Initiativenberatung.Core.Auditing;
using System.Globalization;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Core.Notifications;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.FormBuilder;

/// <summary>One validation error: the path of the input (relative to the form, e.g. <c>Pages[0].Fieldsets[0].Columns[0].Fields[2].Alias</c>) and a German message.</summary>
public sealed record FormBuilderError(string Field, string Message);

public sealed record FormBuilderSaveResult(FormDefinition? Form, IReadOnlyList<FormBuilderError> Errors, IReadOnlyList<string> Notes)
{
    public bool Succeeded => Errors.Count == 0 && Form is not null;
}

/// <summary>
/// Validates and stores form definitions for the form builder: all rules on the server, then the record in one unit of
/// work with a <see cref="FormSavedNotification"/> (and a <see cref="FormProtectedSettingsChangedNotification"/>); its
/// subscribers write the audit lines, reload the form caches and export uSync on save (which writes
/// <c>uSync/v17/Forms/&lt;alias&gt;.config</c> when <c>ExportOnSave</c> includes Settings).
/// </summary>
public sealed partial class FormBuilderService(
    IDbContextFactory<CmsDbContext> dbFactory,
    CmsUnitOfWorkFactory units,
    IStringLocalizer<FormBuilderText> text,
    ProtectedFormSettings protectedSettings,
    TimeProvider clock,
    ILogger<FormBuilderService> logger) : IDisposable
{
    public const string EntityType = FormNotification.Entity;
    public const int MaxLengthLimit = 4000;

    private readonly SemaphoreSlim _saveLock = new(1, 1);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex FormAliasPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex FieldAliasPattern();

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
        if (record is null)
        {
            return null;
        }

        try
        {
            return FormDefinitionStore.ToDefinition(record);
        }
        catch (FormatException ex)
        {
            logger.LogWarning(ex, "Formular {Alias} ist nicht lesbar.", record.Alias);
            return null;
        }
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
        Normalize(form);
        await _saveLock.WaitAsync(cancellationToken);
        try
        {
            await using var unit = units.Begin();
            var db = unit.Db;
            var others = await db.FormDefinitions.AsNoTracking().Where(f => f.Key != form.Key).Select(f => new { f.Key, f.Alias }).ToListAsync(cancellationToken);
            var existing = await db.FormDefinitions.SingleOrDefaultAsync(f => f.Key == form.Key, cancellationToken);
            if (created == (existing is not null))
            {
                return new(null, [new("", text[created ? "Form.KeyExists" : "Form.NotFound"])], []);
            }

            var previous = existing is null ? null : TryRead(existing);
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
                protectedChanges = protectedSettings.Changes(stored, form);
                if (protectedChanges.Count > 0 && protectedMode != ProtectedSettingsMode.Change)
                {
                    return new(null, [new(ProtectedFormSettings.ConfirmationField, protectedSettings.ConfirmationMessage(protectedChanges))], []);
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            FormRetention.CarryOver(previous, form, now);

            var pages = await db.ContentNodes.AsNoTracking().Where(n => !n.Trashed).Select(n => n.Key).ToListAsync(cancellationToken);
            var errors = Validate(form, others.Select(o => o.Alias), pages.ToHashSet());
            if (errors.Count > 0)
            {
                return new(null, errors, []);
            }

            var record = FormDefinitionStore.ToRecord(form, now);
            if (existing is null)
            {
                db.FormDefinitions.Add(record);
            }
            else
            {
                db.Entry(existing).CurrentValues.SetValues(record);
            }

            unit.Notify(new FormSavedNotification(actor, form.Key, form.Name,
                string.Format(CultureInfo.InvariantCulture, "alias={0}; pages={1}; fields={2}", form.Alias, form.Pages.Count, form.AllFields().Count()), created));
            if (protectedChanges.Count > 0)
            {
                unit.Notify(new FormProtectedSettingsChangedNotification(actor, form.Key, form.Name, string.Join("; ", protectedChanges)));
            }

            var notes = await unit.CompleteAsync(cancellationToken);
            return new(form, [], notes);
        }
        finally
        {
            _saveLock.Release();
        }
    }

    private FormDefinition? TryRead(FormDefinitionRecord record)
    {
        try
        {
            return FormDefinitionStore.ToDefinition(record);
        }
        catch (FormatException ex)
        {
            logger.LogWarning(ex, "Gespeichertes Formular {Alias} ist nicht lesbar; Bedingungen werden nicht umbenannt.", record.Alias);
            return null;
        }
    }

    /// <summary>Trims texts, turns empty optional texts into <c>null</c>, drops an empty condition.</summary>
    public static void Normalize(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.Name = form.Name?.Trim() ?? "";
        form.Alias = form.Alias?.Trim() ?? "";
        form.SubmitLabel = form.SubmitLabel?.Trim() ?? "";
        form.NextLabel = form.NextLabel?.Trim() ?? "";
        form.PreviousLabel = form.PreviousLabel?.Trim() ?? "";
        form.MessageOnSubmit = Optional(form.MessageOnSubmit);
        form.RequiredErrorMessage = form.RequiredErrorMessage?.Trim() ?? "";
        form.InvalidErrorMessage = form.InvalidErrorMessage?.Trim() ?? "";
        form.Indicator ??= "*";
        form.Pages ??= [];
        foreach (var page in form.Pages)
        {
            page.Caption = Optional(page.Caption);
            page.Fieldsets ??= [];
            foreach (var fieldset in page.Fieldsets)
            {
                fieldset.Caption = Optional(fieldset.Caption);
                if (fieldset.Key == Guid.Empty)
                {
                    fieldset.Key = Guid.NewGuid();
                }

                fieldset.Columns ??= [];
                foreach (var column in fieldset.Columns)
                {
                    column.Caption = Optional(column.Caption);
                    column.Fields ??= [];
                    foreach (var field in column.Fields)
                    {
                        NormalizeField(field);
                    }
                }
            }
        }
    }

    private static void NormalizeField(FormField field)
    {
        if (field.Key == Guid.Empty)
        {
            field.Key = Guid.NewGuid();
        }

        field.Alias = field.Alias?.Trim() ?? "";
        field.Caption = field.Caption?.Trim() ?? "";
        field.HelpText = Optional(field.HelpText);
        field.Placeholder = Optional(field.Placeholder);
        field.RequiredErrorMessage = Optional(field.RequiredErrorMessage);
        field.Regex = string.IsNullOrWhiteSpace(field.Regex) ? null : field.Regex;
        field.RegexErrorMessage = Optional(field.RegexErrorMessage);
        field.Settings ??= new(StringComparer.Ordinal);
        field.Options = [.. (field.Options ?? []).Where(o => o is not null && !(string.IsNullOrWhiteSpace(o.Caption) && string.IsNullOrWhiteSpace(o.Value)))
            .Select(o => new FormOption(o.Caption?.Trim() ?? "", string.IsNullOrWhiteSpace(o.Value) ? o.Caption?.Trim() ?? "" : o.Value.Trim()))];
        if (field.Condition is { } condition)
        {
            condition.Rules = [.. (condition.Rules ?? []).Where(r => r is not null)];
            foreach (var rule in condition.Rules)
            {
                rule.Field = rule.Field?.Trim() ?? "";
                rule.Value = rule.Value?.Trim() ?? "";
            }

            if (condition.Rules.Count == 0)
            {
                field.Condition = null;
            }
        }
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
