namespace Initiativenberatung.Core.Forms;

/// <summary>
/// A single-use submission token that has been spent: the SHA-256 of a survey's id (from its signed page state) or of a
/// Forms API <c>formToken</c>, written in the same transaction as the entry it produced, so a replayed post stores nothing
/// twice on any node or after a restart. Holds nothing about the sender; removed after <see cref="ExpiresOn"/>, when the
/// token itself is no longer accepted.
/// </summary>
public sealed class UsedFormToken
{
    /// <summary>Lower-case hex SHA-256 (64 characters).</summary>
    public string Hash { get; set; } = "";

    /// <summary>UTC; after it the token is refused anyway and the row may be purged.</summary>
    public DateTime ExpiresOn { get; set; }
}
