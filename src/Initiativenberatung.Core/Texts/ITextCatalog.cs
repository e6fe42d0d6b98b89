namespace Initiativenberatung.Core.Texts;

/// <summary>
/// Looks up a user-visible text by key and fills in its <c>{0}</c>, <c>{1}</c> … placeholders. The domain's
/// messages (validation, content/media/schema/uSync services) come from here, so a translation is a resource file,
/// not a code change. Core stays free of ASP.NET: this is the small counterpart of <c>IStringLocalizer</c>.
/// </summary>
public interface ITextCatalog
{
    /// <summary>The text for the current UI culture, formatted with <paramref name="args"/> (current culture); the key itself when unknown.</summary>
    string Get(string key, params object?[] args);

    /// <summary>Whether the neutral (German) resources have a text for <paramref name="key"/>.</summary>
    bool Contains(string key);
}
