namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>How the cells of an export column are written.</summary>
public enum ExportValueKind
{
    /// <summary>Free text as entered; neutralized against formula injection in CSV.</summary>
    Text,

    /// <summary>A number (<see cref="decimal"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>): a bare invariant number in CSV, a number cell in XLSX.</summary>
    Number,

    /// <summary>A <see cref="DateOnly"/> (written <c>yyyy-MM-dd</c>) or a <see cref="DateTime"/> (written <c>yyyy-MM-ddTHH:mm:ss</c>); a date cell in XLSX.</summary>
    Date,

    /// <summary>A list of chosen options (<see cref="IReadOnlyList{T}"/> of string), joined into one cell.</summary>
    MultipleChoice,

    /// <summary>A checkbox or consent: written <c>Ja</c> when ticked and <c>Nein</c> when not (also when the answer is missing).</summary>
    YesNo,
}
