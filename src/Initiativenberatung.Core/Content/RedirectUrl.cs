namespace Initiativenberatung.Core.Content;

/// <summary>An old URL of a published document that answers with a 301 to its current URL.</summary>
public sealed class RedirectUrl
{
    public long Id { get; set; }

    /// <summary>The old route, normalized (<c>/alter-name/</c>).</summary>
    public string Route { get; set; } = "";

    public Guid ContentKey { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A planned publish or unpublish of a document at a given time (UTC).</summary>
public sealed class ContentSchedule
{
    public long Id { get; set; }

    public Guid ContentKey { get; set; }

    public ContentScheduleAction Action { get; set; }

    public DateTime Date { get; set; }

    public string? CreatedBy { get; set; }
}

public enum ContentScheduleAction
{
    Release = 0,
    Expire = 1,
}
