using System.Globalization;

namespace Initiativenberatung.Core.Forms;

/// <summary>
/// Evaluates show/hide conditions on submitted values. A field whose condition refers to a hidden field sees that
/// field as empty; cycles count as hidden. Rules name the other field by key (as Umbraco writes it) or alias.
/// </summary>
public sealed class FormConditions
{
    private readonly FormDefinition _form;
    private readonly IReadOnlyDictionary<string, string[]> _values;
    private readonly Dictionary<Guid, bool> _visible = [];
    private readonly HashSet<Guid> _evaluating = [];

    public FormConditions(FormDefinition form, IReadOnlyDictionary<string, string[]> values)
    {
        _form = form;
        _values = values;
    }

    public bool IsVisible(FormField field)
    {
        if (field.Condition is not { Rules.Count: > 0 } condition)
        {
            return true;
        }

        if (_visible.TryGetValue(field.Key, out var known))
        {
            return known;
        }

        if (!_evaluating.Add(field.Key))
        {
            return false;
        }

        var results = condition.Rules.Select(Holds);
        var met = condition.LogicType == FormConditionLogicType.All ? results.All(r => r) : results.Any(r => r);
        _evaluating.Remove(field.Key);
        var visible = condition.ActionType == FormConditionActionType.Show ? met : !met;
        _visible[field.Key] = visible;
        return visible;
    }

    /// <summary>Whether one rule holds on the submitted values (the rule's field seen as empty when it is hidden).</summary>
    public bool Holds(FormConditionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var other = _form.FindField(rule.Field);
        var values = other is not null && IsVisible(other) && _values.TryGetValue(other.Alias, out var posted)
            ? posted.Where(v => !string.IsNullOrWhiteSpace(v)).ToArray()
            : [];
        return Holds(rule.Operator, values, rule.Value);
    }

    public static bool Holds(FormConditionOperator op, IReadOnlyCollection<string> values, string expected) => op switch
    {
        FormConditionOperator.Is => values.Any(v => Same(v, expected)),
        FormConditionOperator.IsNot => !values.Any(v => Same(v, expected)),
        FormConditionOperator.Contains => values.Any(v => v.Contains(expected, StringComparison.OrdinalIgnoreCase)),
        FormConditionOperator.NotContains => !values.Any(v => v.Contains(expected, StringComparison.OrdinalIgnoreCase)),
        FormConditionOperator.StartsWith => values.Any(v => v.StartsWith(expected, StringComparison.OrdinalIgnoreCase)),
        FormConditionOperator.EndsWith => values.Any(v => v.EndsWith(expected, StringComparison.OrdinalIgnoreCase)),
        FormConditionOperator.GreaterThan => values.Any(v => Compare(v, expected) is > 0),
        FormConditionOperator.LessThan => values.Any(v => Compare(v, expected) is < 0),
        _ => false,
    };

    private static bool Same(string value, string expected) =>
        string.Equals(value.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase)
        // A ticked checkbox posts "on" or "true": both match either spelling.
        || (IsTicked(value) && IsTicked(expected));

    /// <summary>A ticked checkbox posts "on" or "true" (any case, trimmed).</summary>
    public static bool IsTicked(string value) =>
        value.Trim().ToUpperInvariant() is "ON" or "TRUE";

    /// <summary>Numbers compare as numbers, ISO dates as dates; anything else does not compare (<c>null</c>).</summary>
    private static int? Compare(string value, string expected)
    {
        if (FormValidator.TryParseNumber(value, out var a) && FormValidator.TryParseNumber(expected, out var b))
        {
            return a.CompareTo(b);
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d1)
            && DateOnly.TryParseExact(expected.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d2))
        {
            return d1.CompareTo(d2);
        }

        return null;
    }
}
