using System.Globalization;
using System.Text.RegularExpressions;
using Initiativenberatung.Core.Forms;

namespace Initiativenberatung.Core.Validation;

/// <summary>One validation error: the path of the input (relative to the form, e.g. <c>Pages[0].Fieldsets[0].Columns[0].Fields[2].Alias</c>) and a German message.</summary>
public sealed record FormDefinitionError(string Field, string Message);

/// <summary>
/// The rules a form definition must keep before it is stored: names, aliases, labels, templates, layout, fields, options
/// and conditions (which may only refer to fields on the same or an earlier page). Pure: no database — the aliases of the
/// other forms and the content pages a form may redirect to are passed in. Every message is German and names the field.
/// </summary>
public static partial class FormDefinitionValidator
{
    public const int MaxNameLength = 255;
    public const int MaxFieldAliasLength = 100;
    public const int MaxLengthLimit = 4000;

    /// <summary>Form aliases: lower-case letters and digits in groups joined by single hyphens (<c>kommunen-umfrage</c>).</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex FormAliasPattern();

    /// <summary>Field aliases as Umbraco Forms writes them: a letter, then letters, digits or underscores.</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex FieldAliasPattern();

    /// <summary>All rules of a (normalized, see <see cref="Normalize"/>) form definition.</summary>
    /// <param name="otherAliases">The aliases of all other forms (an alias is unique, ignoring case).</param>
    /// <param name="contentPages">The keys of the content pages a form may redirect to after submission.</param>
    public static IReadOnlyList<FormDefinitionError> Validate(FormDefinition form, IEnumerable<string> otherAliases, IReadOnlySet<Guid> contentPages)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(otherAliases);
        ArgumentNullException.ThrowIfNull(contentPages);
        var errors = new List<FormDefinitionError>();
        void Add(string field, string message) => errors.Add(new(field, message));

        ValidateSettings(form, otherAliases, contentPages, Add);
        if (form.Pages.Count == 0)
        {
            Add("Pages", Messages.Get("Forms.Validation.NoPages"));
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
                Add(pagePath + ".Caption", Messages.Get("Forms.Validation.PageLayout", PageName(page, p)));
            }

            var pageFields = new List<(FormField Field, string Path)>();
            for (var s = 0; s < page.Fieldsets.Count; s++)
            {
                for (var c = 0; c < page.Fieldsets[s].Columns.Count; c++)
                {
                    var column = page.Fieldsets[s].Columns[c];
                    if (column.Width is < 0 or > 12)
                    {
                        Add($"{pagePath}.Fieldsets[{s}].Columns[{c}].Width", Messages.Get("Forms.Validation.ColumnWidth"));
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

    /// <summary>Whether <paramref name="value"/> is a non-empty message template with at most the placeholder <c>{0}</c>.</summary>
    public static bool IsTemplate(string value)
    {
        if (string.IsNullOrEmpty(value))
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

    private static void ValidateSettings(FormDefinition form, IEnumerable<string> otherAliases, IReadOnlySet<Guid> contentPages, Action<string, string> add)
    {
        if (form.Name.Length == 0)
        {
            add("Name", Messages.Get("Forms.Validation.NameRequired"));
        }
        else if (form.Name.Length > MaxNameLength)
        {
            add("Name", Messages.Get("Forms.Validation.NameTooLong"));
        }

        if (!FormAliasPattern().IsMatch(form.Alias) || form.Alias.Length > MaxNameLength)
        {
            add("Alias", Messages.Get("Forms.Validation.FormAliasInvalid", form.Alias));
        }
        else if (otherAliases.Any(a => string.Equals(a, form.Alias, StringComparison.OrdinalIgnoreCase)))
        {
            add("Alias", Messages.Get("Forms.Validation.FormAliasTaken", form.Alias));
        }

        foreach (var (name, value, label) in new[]
                 {
                     ("SubmitLabel", form.SubmitLabel, Messages.Get("Forms.Settings.SubmitLabel")),
                     ("NextLabel", form.NextLabel, Messages.Get("Forms.Settings.NextLabel")),
                     ("PreviousLabel", form.PreviousLabel, Messages.Get("Forms.Settings.PreviousLabel")),
                 })
        {
            if (value.Length == 0)
            {
                add(name, Messages.Get("Forms.Validation.LabelRequired", label));
            }
        }

        foreach (var (name, value, label) in new[]
                 {
                     ("RequiredErrorMessage", form.RequiredErrorMessage, Messages.Get("Forms.Settings.RequiredErrorMessage")),
                     ("InvalidErrorMessage", form.InvalidErrorMessage, Messages.Get("Forms.Settings.InvalidErrorMessage")),
                 })
        {
            if (!IsTemplate(value))
            {
                add(name, Messages.Get("Forms.Validation.TemplateInvalid", label));
            }
        }

        if (form.RetentionDays is < 1)
        {
            add("RetentionDays", Messages.Get("Forms.Validation.RetentionDays"));
        }

        if (form.SubmittedAtPrecision is { } precision && !Enum.IsDefined(precision))
        {
            add("SubmittedAtPrecision", Messages.Get("Forms.Validation.PrecisionInvalid"));
        }

        if (form.GoToPageOnSubmit is { } target && !contentPages.Contains(target))
        {
            add("GoToPageOnSubmit", Messages.Get("Forms.Validation.RedirectMissing"));
        }
    }

    private static string PageName(FormPage page, int index) =>
        page.Caption ?? (index + 1).ToString(CultureInfo.CurrentCulture);

    private static void ValidateField(FormField field, string path, Dictionary<string, string> aliases, Action<string, string> add)
    {
        var name = field.Caption.Length > 0 ? field.Caption : field.Alias;
        if (field.Caption.Length == 0)
        {
            add(path + ".Caption", Messages.Get("Forms.Validation.CaptionRequired", field.Alias));
        }

        if (!FieldAliasPattern().IsMatch(field.Alias) || field.Alias.Length > MaxFieldAliasLength)
        {
            add(path + ".Alias", Messages.Get("Forms.Validation.FieldAliasInvalid", field.Alias, name));
        }
        else if (aliases.TryGetValue(field.Alias, out var other))
        {
            add(path + ".Alias", Messages.Get("Forms.Validation.FieldAliasTaken", field.Alias, name, other));
        }
        else
        {
            aliases[field.Alias] = name;
        }

        if (!Enum.IsDefined(field.Type))
        {
            add(path + ".Type", Messages.Get("Forms.Validation.TypeInvalid", name));
        }

        if (field.MaxLength is < 1 or > MaxLengthLimit)
        {
            add(path + ".MaxLength", Messages.Get("Forms.Validation.MaxLength", name, MaxLengthLimit));
        }

        if (field.Regex is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException)
            {
                add(path + ".Regex", Messages.Get("Forms.Validation.RegexInvalid", name));
            }
        }

        if (FormFieldTypes.HasOptions(field.Type))
        {
            ValidateOptions(field, path, name, add);
        }
    }

    private static void ValidateOptions(FormField field, string path, string name, Action<string, string> add)
    {
        if (field.Options.Count == 0)
        {
            add(path + ".Options", Messages.Get("Forms.Validation.OptionsRequired", name));
        }

        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < field.Options.Count; o++)
        {
            var option = field.Options[o];
            if (option.Caption.Length == 0)
            {
                add($"{path}.Options[{o}].Caption", Messages.Get("Forms.Validation.OptionCaptionRequired", name, o + 1));
            }

            if (!values.Add(option.Value))
            {
                add($"{path}.Options[{o}].Value", Messages.Get("Forms.Validation.OptionValueTaken", name, option.Value));
            }
        }
    }

    private static void ValidateCondition(FormField field, string path, Dictionary<string, FormField> seen, Action<string, string> add)
    {
        if (field.Condition is not { } condition)
        {
            return;
        }

        var name = field.Caption.Length > 0 ? field.Caption : field.Alias;
        if (!Enum.IsDefined(condition.ActionType))
        {
            add(path + ".Condition.ActionType", Messages.Get("Forms.Validation.ConditionAction", name));
        }

        if (!Enum.IsDefined(condition.LogicType))
        {
            add(path + ".Condition.LogicType", Messages.Get("Forms.Validation.ConditionLogic", name));
        }

        for (var r = 0; r < condition.Rules.Count; r++)
        {
            var rule = condition.Rules[r];
            var rulePath = $"{path}.Condition.Rules[{r}]";
            if (!seen.TryGetValue(rule.Field, out var other))
            {
                add(rulePath + ".Field", Messages.Get("Forms.Validation.ConditionFieldUnknown", name, rule.Field));
            }
            else if (other.Key == field.Key)
            {
                add(rulePath + ".Field", Messages.Get("Forms.Validation.ConditionFieldSelf", name));
            }

            if (!Enum.IsDefined(rule.Operator))
            {
                add(rulePath + ".Operator", Messages.Get("Forms.Validation.ConditionOperator", name));
            }
        }
    }
}
