namespace Initiativenberatung.Core.Auditing;

/// <summary>Who acts: a back-office user (id and name) or the system.</summary>
public sealed record Actor(string? UserId, string UserName)
{
    public static Actor System { get; } = new(null, "System");
}
