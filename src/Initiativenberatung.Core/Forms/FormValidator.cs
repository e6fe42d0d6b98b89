using System.Globalization;
using System.Text.RegularExpressions;

namespace Initiativenberatung.Core.Forms;

/// <summary>The outcome of validating a submission: German errors per field alias, and the values to store.</summary>
public sealed record FormValidationResult(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors,
    IReadOnlyList<KeyValuePair<string, FormEntryValue>> Values)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Server-side validation of a form submission (every rule, whatever the browser checked): unknown fields, too many
/// values, required (templates with <c>{0}</c> = caption), maximum length (default 255 short / 4000 long), pattern
/// (with a time-out), allowed options only, ISO dates, numbers, data consent ticked. Fields hidden by their condition are
/// neither required nor stored. Pure: no I/O.
/// </summary>
public static class FormValidator
{
    public const int DefaultShortMaxLength = 255;
    public const int DefaultLongMaxLength = 4000;

    /// <summary>Time-out of an editor's pattern against one value; a time-out counts as invalid.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <param name="form">The definition.</param>
    /// <param name="submitted">Alias → posted values (a missing alias = no answer).</param>
    /// <param name="pageIndex">Validate only this page's fields (multi-page "next"); unknown fields are still rejected.</param>
    public static FormValidationResult Validate(FormDefinition form, IReadOnlyDictionary<string, string[]> submitted, int? pageIndex = null)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var stored = new List<KeyValuePair<string, FormEntryValue>>();
        var byAlias = form.AllFields().ToDictionary(f => f.Alias, StringComparer.Ordinal);
        var conditions = new FormConditions(form, submitted);

        void AddError(string alias, string message)
        {
            if (!errors.TryGetValue(alias, out var list))
            {
                errors[alias] = list = [];
            }

            list.Add(message);
        }

        foreach (var alias in submitted.Keys.Where(a => !byAlias.TryGetValue(a, out var f) || !FormFieldTypes.TakesInput(f.Type)))
        {
            AddError(alias, $"Das Feld „{Truncate(alias, 64)}“ gibt es in diesem Formular nicht.");
        }

        var fields = pageIndex is { } page && page >= 0 && page < form.Pages.Count
            ? form.Pages[page].Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields)
            : form.AllFields();
        foreach (var field in fields.Where(f => FormFieldTypes.TakesInput(f.Type)))
        {
            if (!conditions.IsVisible(field))
            {
                continue;
            }

            var values = (submitted.GetValueOrDefault(field.Alias) ?? []).Select(v => v ?? "").Where(v => v.Trim().Length > 0).ToList();
            var before = errors.Count;
            ValidateField(form, field, values, message => AddError(field.Alias, message));
            if (errors.Count == before && values.Count > 0)
            {
                stored.Add(KeyValuePair.Create(field.Alias, new FormEntryValue(field.Caption, Normalize(field, values))));
            }
        }

        return new FormValidationResult(
            errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal),
            stored);
    }

    private static void ValidateField(FormDefinition form, FormField field, List<string> values, Action<string> error)
    {
        var caption = field.Caption;
        var required = field.Mandatory || field.Type == FormFieldType.DataConsent;
        if (values.Count == 0)
        {
            if (required)
            {
                error(Format(field.RequiredErrorMessage ?? form.RequiredErrorMessage, caption));
            }

            return;
        }

        var invalid = Format(form.InvalidErrorMessage, caption);
        var maxValues = field.AllowsMultiple ? Math.Max(1, field.Options.Count) : 1;
        if (values.Count > maxValues)
        {
            error(maxValues == 1
                ? $"Für „{caption}“ ist nur eine Antwort möglich."
                : $"Für „{caption}“ sind höchstens {maxValues} Antworten möglich.");
            return;
        }

        if (field.AllowsMultiple && values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            error(invalid);
            return;
        }

        switch (field.Type)
        {
            case FormFieldType.SingleChoice or FormFieldType.MultipleChoice or FormFieldType.Dropdown:
                if (values.Any(v => !field.Options.Any(o => string.Equals(o.Value, v, StringComparison.Ordinal))))
                {
                    error(invalid);
                    return;
                }

                break;
            case FormFieldType.Checkbox or FormFieldType.DataConsent:
                if (!FormConditions.IsTicked(values[0]))
                {
                    error(field.Type == FormFieldType.DataConsent ? Format(field.RequiredErrorMessage ?? form.RequiredErrorMessage, caption) : invalid);
                    return;
                }

                break;
            case FormFieldType.Date:
                if (!DateOnly.TryParseExact(values[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    error($"„{caption}“ muss ein Datum im Format JJJJ-MM-TT sein.");
                    return;
                }

                break;
            case FormFieldType.Number:
                if (!TryParseNumber(values[0], out _))
                {
                    error($"„{caption}“ muss eine Zahl sein.");
                    return;
                }

                break;
        }

        var maxLength = MaxLength(field);
        if (values.Any(v => v.Length > maxLength))
        {
            error($"„{caption}“ darf höchstens {maxLength.ToString("N0", CultureInfo.GetCultureInfo("de-DE"))} Zeichen lang sein.");
            return;
        }

        if (!string.IsNullOrEmpty(field.Regex) && values.Any(v => !MatchesPattern(field.Regex, v)))
        {
            error(field.RegexErrorMessage is { Length: > 0 } message ? Format(message, caption) : invalid);
        }
    }

    /// <summary>The effective maximum length of a field's answer.</summary>
    public static int MaxLength(FormField field) =>
        field.MaxLength ?? (field.Type == FormFieldType.LongAnswer ? DefaultLongMaxLength : DefaultShortMaxLength);

    /// <summary>Numbers as a number input sends them (<c>-12.5</c>), a German decimal comma accepted.</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);

    private static List<string> Normalize(FormField field, List<string> values) => field.Type switch
    {
        FormFieldType.Number => [values[0].Trim().Replace(',', '.')],
        FormFieldType.Date => [values[0].Trim()],
        FormFieldType.Checkbox or FormFieldType.DataConsent => ["true"],
        _ => values,
    };

    private static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // A broken pattern in the definition: fail closed rather than store unchecked input.
            return false;
        }
    }

    /// <summary>Fills <c>{0}</c> with the caption; a template with other braces is used with a plain replace.</summary>
    public static string Format(string template, string caption)
    {
        try
        {
            return string.Format(CultureInfo.InvariantCulture, template, caption);
        }
        catch (FormatException)
        {
            return template.Replace("{0}", caption, StringComparison.Ordinal);
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
