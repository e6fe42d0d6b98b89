namespace Initiativenberatung.Infrastructure.Forms.Export;

/// <summary>Which text the header row shows.</summary>
public enum ExportHeaderMode
{
    /// <summary>The field captions (<see cref="ExportColumn.Header"/>), as staff read them.</summary>
    Captions,

    /// <summary>The field aliases (<see cref="ExportColumn.Alias"/>, falling back to <see cref="ExportColumn.Key"/>), stable for scripts.</summary>
    Aliases,
}
