namespace Initiativenberatung.Core.Forms;

/// <summary>
/// When entries of a form may be deleted. A change of <see cref="FormDefinition.RetentionDays"/> takes effect only after a
/// grace period of <see cref="Grace"/>: until then the longer of the old and the new retention applies (no retention =
/// keep forever), so a shortened retention never deletes an entry sooner than seven days after the change was made.
/// </summary>
public static class FormRetention
{
    public static readonly TimeSpan Grace = TimeSpan.FromDays(7);

    /// <summary>
    /// Records a retention change on <paramref name="next"/> (the definition about to be stored) against the stored
    /// <paramref name="previous"/>: the retention in force until now and the time of the change; an unchanged retention
    /// keeps the stored record of the last change.
    /// </summary>
    public static void CarryOver(FormDefinition? previous, FormDefinition next, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (previous is null)
        {
            return;
        }

        if (previous.RetentionDays == next.RetentionDays)
        {
            next.PreviousRetentionDays = previous.PreviousRetentionDays;
            next.RetentionChangedOn = previous.RetentionChangedOn;
            return;
        }

        next.PreviousRetentionDays = EffectiveDays(previous, nowUtc);
        next.RetentionChangedOn = nowUtc;
    }

    /// <summary>The retention in days that applies at <paramref name="nowUtc"/>; <c>null</c> keeps every entry.</summary>
    public static int? EffectiveDays(FormDefinition form, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.RetentionChangedOn is { } changed && nowUtc < changed + Grace)
        {
            return form.RetentionDays is { } current && form.PreviousRetentionDays is { } before ? Math.Max(current, before) : null;
        }

        return form.RetentionDays;
    }

    /// <summary>The moment the new retention takes full effect, or <c>null</c> when no change is pending.</summary>
    public static DateTime? PendingUntil(FormDefinition form, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.RetentionChangedOn is { } changed && nowUtc < changed + Grace && EffectiveDays(form, nowUtc) != form.RetentionDays
            ? changed + Grace
            : null;
    }
}
