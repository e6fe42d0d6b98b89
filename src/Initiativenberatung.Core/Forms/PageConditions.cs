namespace Initiativenberatung.Core.Forms;

/// <summary>How a field of the page being shown depends on its condition.</summary>
/// <param name="Rendered">Whether the page shows the field at all (<c>false</c>: its condition already hides it).</param>
/// <param name="Open">
/// The part of the condition that only the answers on this same page decide (rules on fields of this page; rules on other
/// pages are already decided and left out, because they cannot change the outcome any more); <c>null</c> when the
/// condition is decided (or there is none).
/// </param>
public sealed record PageFieldCondition(bool Rendered, FormCondition? Open)
{
    public static readonly PageFieldCondition Always = new(true, null);
}

/// <summary>
/// Splits a field's show/hide condition for one page of a multi-page form, with the semantics of <see cref="FormConditions"/>:
/// rules on fields of other pages (or on fields the form does not have) are evaluated now with the answers already given;
/// rules on fields of the same page stay open, to be decided in the browser (progressive enhancement) and again on the server
/// when the page is posted. Pure: no I/O.
/// </summary>
public static class PageConditions
{
    public static PageFieldCondition Resolve(FormDefinition form, int pageIndex, IReadOnlyDictionary<string, string[]> values, FormField field)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(field);
        if (field.Condition is not { Rules.Count: > 0 } condition)
        {
            return PageFieldCondition.Always;
        }

        var onThisPage = pageIndex >= 0 && pageIndex < form.Pages.Count
            ? form.Pages[pageIndex].Fieldsets.SelectMany(s => s.Columns).SelectMany(c => c.Fields).ToHashSet()
            : [];
        var known = new FormConditions(form, values);
        var open = new List<FormConditionRule>();
        var all = condition.LogicType == FormConditionLogicType.All;
        foreach (var rule in condition.Rules)
        {
            if (form.FindField(rule.Field) is { } other && onThisPage.Contains(other))
            {
                open.Add(rule);
                continue;
            }

            // A decided rule that settles the logic settles the condition: All with a false rule, Any with a true one.
            if (known.Holds(rule) != all)
            {
                return Decided(condition, met: !all);
            }
        }

        return open.Count == 0
            ? Decided(condition, met: all)
            : new PageFieldCondition(true, new FormCondition { ActionType = condition.ActionType, LogicType = condition.LogicType, Rules = open });
    }

    private static PageFieldCondition Decided(FormCondition condition, bool met) =>
        new((condition.ActionType == FormConditionActionType.Show) == met, null);
}
