namespace Initiativenberatung.Core.Forms;

/// <summary>How a save treats a form's protected settings (retention, local storage, precision of the submission time).</summary>
public enum ProtectedSettingsMode
{
    /// <summary>Not an administrator: the stored values stay, whatever was posted.</summary>
    Keep,

    /// <summary>An administrator who has not confirmed yet: a change is refused with a list of what would change.</summary>
    ChangeIfConfirmed,

    /// <summary>An administrator who confirmed the listed change.</summary>
    Change,
}

/// <summary>One changed protected setting: its German label and the old and new value as shown to people.</summary>
public sealed record ProtectedSettingChange(string Label, string OldValue, string NewValue)
{
    public override string ToString() => $"{Label}: {OldValue} → {NewValue}";
}

/// <summary>
/// The settings of a form that decide over entry data — how long entries are kept, whether they are stored at all and how
/// exactly their time is kept — are Administrator-only: for anyone else the stored values stay, and an administrator's
/// change must be confirmed and is audited with old → new values. Pure rules; texts from the message catalogue.
/// </summary>
public static class ProtectedFormSettings
{
    /// <summary>The path of the confirmation in errors and of its checkbox (<c>Form.ProtectedChangeConfirmed</c>).</summary>
    public const string ConfirmationField = "ProtectedChangeConfirmed";

    /// <summary>The protected settings in which <paramref name="posted"/> differs from <paramref name="stored"/>.</summary>
    public static IReadOnlyList<ProtectedSettingChange> Changes(FormDefinition stored, FormDefinition posted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(posted);
        var changes = new List<ProtectedSettingChange>();
        if (stored.RetentionDays != posted.RetentionDays)
        {
            changes.Add(new(Messages.Get("Forms.Settings.RetentionDays"), Days(stored.RetentionDays), Days(posted.RetentionDays)));
        }

        if (stored.StoreRecordsLocally != posted.StoreRecordsLocally)
        {
            changes.Add(new(Messages.Get("Forms.Settings.StoreRecordsLocally"), YesNo(stored.StoreRecordsLocally), YesNo(posted.StoreRecordsLocally)));
        }

        if (stored.SubmittedAtPrecision != posted.SubmittedAtPrecision)
        {
            changes.Add(new(Messages.Get("Forms.Settings.SubmittedAtPrecision"), Precision(stored.SubmittedAtPrecision), Precision(posted.SubmittedAtPrecision)));
        }

        return changes;
    }

    /// <summary>Puts the stored protected values into <paramref name="posted"/> (for callers without the right to change them).</summary>
    public static void KeepStored(FormDefinition stored, FormDefinition posted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(posted);
        posted.RetentionDays = stored.RetentionDays;
        posted.StoreRecordsLocally = stored.StoreRecordsLocally;
        posted.SubmittedAtPrecision = stored.SubmittedAtPrecision;
    }

    /// <summary>The German request to confirm, naming every change.</summary>
    public static string ConfirmationMessage(IReadOnlyList<ProtectedSettingChange> changes) =>
        Messages.Get("Forms.Protected.ConfirmNeeded", string.Join("; ", changes));

    private static string Days(int? days) => days is { } d
        ? Messages.Get(d is 1 or -1 ? "Forms.Protected.Days.One" : "Forms.Protected.Days", d)
        : Messages.Get("Forms.Protected.KeepForever");

    private static string YesNo(bool value) => Messages.Get(value ? "Forms.Protected.Yes" : "Forms.Protected.No");

    private static string Precision(SubmittedAtPrecision? precision) => precision switch
    {
        SubmittedAtPrecision.Day => Messages.Get("Forms.Settings.PrecisionDay"),
        SubmittedAtPrecision.Hour => Messages.Get("Forms.Settings.PrecisionHour"),
        SubmittedAtPrecision.Second => Messages.Get("Forms.Settings.PrecisionSecond"),
        null => Messages.Get("Forms.Settings.PrecisionDefault"),
        _ => precision.Value.ToString(),
    };
}
