namespace Initiativenberatung.Web.Website;

/// <summary>
/// Section <c>Website:OutputCache</c>. <see cref="Enabled"/> (default <c>true</c>) caches public pages until the next publish;
/// <c>false</c> renders every request from the published snapshot (still without SQL) — for measuring the uncached path
/// (bench/run, P2) or while debugging views. A value that is not a boolean stops the start with an error naming the key.
/// </summary>
public sealed class WebsiteOutputCacheOptions
{
    public const string SectionName = "Website:OutputCache";

    public bool Enabled { get; set; } = true;
}
