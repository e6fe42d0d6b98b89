using System.Globalization;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Infrastructure.Schema;
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
/// Validates and stores form definitions for the form builder: all rules on the server, then the record and an audit entry
/// in one unit of work; afterwards the <see cref="IFormDefinitionSavedListener"/>s run and the schema save listeners
/// (uSync export on save, which writes <c>uSync/v17/Forms/&lt;alias&gt;.config</c> when <c>ExportOnSave</c> includes Settings).
/// </summary>
public sealed partial class FormBuilderService(
    IDbContextFactory<CmsDbContext> dbFactory,
    AuditService audit,
    IEnumerable<IFormDefinitionSavedListener> formListeners,
    IEnumerable<ISchemaSaveListener> schemaListeners,
    IStringLocalizer<FormBuilderText> text,
    ProtectedFormSettings protectedSettings,
    TimeProvider clock,
    ILogger<FormBuilderService> logger) : IDisposable
{
    public const string EntityType = "Form";
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
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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

            audit.Add(db, actor, created ? "Create" : "Save", EntityType, form.Key, form.Name,
                string.Format(CultureInfo.InvariantCulture, "alias={0}; pages={1}; fields={2}", form.Alias, form.Pages.Count, form.AllFields().Count()));
            if (protectedChanges.Count > 0)
            {
                audit.Add(db, actor, "ChangeProtectedSettings", EntityType, form.Key, form.Name, string.Join("; ", protectedChanges));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _saveLock.Release();
        }

        foreach (var listener in formListeners)
        {
            await listener.OnFormSavedAsync(form, created, cancellationToken);
        }

        var notes = new List<string>();
        foreach (var listener in schemaListeners)
        {
            try
            {
                if (await listener.OnSavedAsync(new(EntityType, form.Key, form.Name, created), cancellationToken) is { } note)
                {
                    notes.Add(note);
                }
            }
            catch (IOException ex)
            {
                logger.LogError(ex, "Nachlauf nach dem Speichern des Formulars {Alias} fehlgeschlagen.", form.Alias);
                notes.Add(text["Form.ExportFailed"]);
            }
            catch (UnauthorizedAccessException ex)
            {
                logger.LogError(ex, "Nachlauf nach dem Speichern des Formulars {Alias} fehlgeschlagen.", form.Alias);
                notes.Add(text["Form.ExportFailed"]);
            }
        }

        return new(form, [], notes);
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

    /// <summary>All rules of a form definition; messages in German naming the field.</summary>
    public IReadOnlyList<FormBuilderError> Validate(FormDefinition form, IEnumerable<string> otherAliases, IReadOnlySet<Guid> contentPages)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<FormBuilderError>();
        void Add(string field, string key, params object?[] args) =>
            errors.Add(new(field, string.Format(CultureInfo.CurrentCulture, text[key], args)));

        if (form.Name.Length == 0)
        {
            Add("Name", "Validation.NameRequired");
        }
        else if (form.Name.Length > 255)
        {
            Add("Name", "Validation.NameTooLong");
        }

        if (!FormAliasPattern().IsMatch(form.Alias) || form.Alias.Length > 255)
        {
            Add("Alias", "Validation.FormAliasInvalid", form.Alias);
        }
        else if (otherAliases.Any(a => string.Equals(a, form.Alias, StringComparison.OrdinalIgnoreCase)))
        {
            Add("Alias", "Validation.FormAliasTaken", form.Alias);
        }

        foreach (var (name, value) in new[] { ("SubmitLabel", form.SubmitLabel), ("NextLabel", form.NextLabel), ("PreviousLabel", form.PreviousLabel) })
        {
            if (value.Length == 0)
            {
                Add(name, "Validation.LabelRequired", text["Settings." + name]);
            }
        }

        foreach (var (name, value) in new[] { ("RequiredErrorMessage", form.RequiredErrorMessage), ("InvalidErrorMessage", form.InvalidErrorMessage) })
        {
            if (!IsTemplate(value))
            {
                Add(name, "Validation.TemplateInvalid", text["Settings." + name]);
            }
        }

        if (form.RetentionDays is < 1)
        {
            Add("RetentionDays", "Validation.RetentionDays");
        }

        if (form.SubmittedAtPrecision is { } precision && !Enum.IsDefined(precision))
        {
            Add("SubmittedAtPrecision", "Validation.PrecisionInvalid");
        }

        if (form.GoToPageOnSubmit is { } target && !contentPages.Contains(target))
        {
            Add("GoToPageOnSubmit", "Validation.RedirectMissing");
        }

        if (form.Pages.Count == 0)
        {
            Add("Pages", "Validation.NoPages");
        }

        // Fields seen so far (earlier pages and the current page): conditions may only refer to these.
        var seen = new Dictionary<string, FormField>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < form.Pages.Count; p++)
        {
            var page = form.Pages[p];
            var pagePath = $"Pages[{p}]";
            if (page.Fieldsets.Count == 0 || page.Fieldsets.Any(s => s.Columns.Count == 0))
            {
                Add(pagePath + ".Caption", "Validation.PageLayout", PageName(page, p));
            }

            var pageFields = new List<(FormField Field, string Path)>();
            for (var s = 0; s < page.Fieldsets.Count; s++)
            {
                for (var c = 0; c < page.Fieldsets[s].Columns.Count; c++)
                {
                    var column = page.Fieldsets[s].Columns[c];
                    if (column.Width is < 0 or > 12)
                    {
                        Add($"{pagePath}.Fieldsets[{s}].Columns[{c}].Width", "Validation.ColumnWidth");
                    }

                    for (var f = 0; f < column.Fields.Count; f++)
                    {
                        pageFields.Add((column.Fields[f], $"{pagePath}.Fieldsets[{s}].Columns[{c}].Fields[{f}]"));
                    }
                }
            }

            foreach (var (field, path) in pageFields)
            {
                ValidateField(field, path, aliases, Add);
                seen.TryAdd(field.Alias, field);
                seen.TryAdd(field.Key.ToString("D"), field);
            }

            foreach (var (field, path) in pageFields)
            {
                ValidateCondition(field, path, seen, Add);
            }
        }

        return errors;
    }

    private static string PageName(FormPage page, int index) =>
        page.Caption ?? (index + 1).ToString(CultureInfo.CurrentCulture);

    private static bool IsTemplate(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, value, "x");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void ValidateField(FormField field, string path, Dictionary<string, string> aliases, Action<string, string, object?[]> add)
    {
        var name = field.Caption.Length > 0 ? field.Caption : field.Alias;
        if (field.Caption.Length == 0)
        {
            add(path + ".Caption", "Validation.CaptionRequired", [field.Alias]);
        }

        if (!FieldAliasPattern().IsMatch(field.Alias) || field.Alias.Length > 100)
        {
            add(path + ".Alias", "Validation.FieldAliasInvalid", [field.Alias, name]);
        }
        else if (aliases.TryGetValue(field.Alias, out var other))
        {
            add(path + ".Alias", "Validation.FieldAliasTaken", [field.Alias, name, other]);
        }
        else
        {
            aliases[field.Alias] = name;
        }

        if (!Enum.IsDefined(field.Type))
        {
            add(path + ".Type", "Validation.TypeInvalid", [name]);
        }

        if (field.MaxLength is < 1 or > MaxLengthLimit)
        {
            add(path + ".MaxLength", "Validation.MaxLength", [name, MaxLengthLimit]);
        }

        if (field.Regex is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                add(path + ".Regex", "Validation.RegexInvalid", [name]);
            }
        }

        if (FormFieldTypes.HasOptions(field.Type))
        {
            if (field.Options.Count == 0)
            {
                add(path + ".Options", "Validation.OptionsRequired", [name]);
            }

            var values = new HashSet<string>(StringComparer.Ordinal);
            for (var o = 0; o < field.Options.Count; o++)
            {
                var option = field.Options[o];
                if (option.Caption.Length == 0)
                {
                    add($"{path}.Options[{o}].Caption", "Validation.OptionCaptionRequired", [name, o + 1]);
                }

                if (!values.Add(option.Value))
                {
                    add($"{path}.Options[{o}].Value", "Validation.OptionValueTaken", [name, option.Value]);
                }
            }
        }
    }

    private static void ValidateCondition(FormField field, string path, Dictionary<string, FormField> seen, Action<string, string, object?[]> add)
    {
        if (field.Condition is not { } condition)
        {
            return;
        }

        var name = field.Caption.Length > 0 ? field.Caption : field.Alias;
        if (!Enum.IsDefined(condition.ActionType))
        {
            add(path + ".Condition.ActionType", "Validation.ConditionAction", [name]);
        }

        if (!Enum.IsDefined(condition.LogicType))
        {
            add(path + ".Condition.LogicType", "Validation.ConditionLogic", [name]);
        }

        for (var r = 0; r < condition.Rules.Count; r++)
        {
            var rule = condition.Rules[r];
            var rulePath = $"{path}.Condition.Rules[{r}]";
            if (!seen.TryGetValue(rule.Field, out var other))
            {
                add(rulePath + ".Field", "Validation.ConditionFieldUnknown", [name, rule.Field]);
            }
            else if (other.Key == field.Key)
            {
                add(rulePath + ".Field", "Validation.ConditionFieldSelf", [name]);
            }

            if (!Enum.IsDefined(rule.Operator))
            {
                add(rulePath + ".Operator", "Validation.ConditionOperator", [name]);
            }
        }
    }
}
