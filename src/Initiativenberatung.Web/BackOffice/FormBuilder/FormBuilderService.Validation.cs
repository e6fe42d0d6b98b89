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

/// <summary>The rules a form definition must keep before <see cref="FormBuilderService"/> stores it.</summary>
public sealed partial class FormBuilderService
{
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
