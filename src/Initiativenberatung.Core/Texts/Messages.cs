using System.Resources;

namespace Initiativenberatung.Core.Texts;

/// <summary>
/// The domain's user-visible messages, keyed, from <c>Resources/Messages.resx</c> (neutral = German; add
/// <c>Messages.en.resx</c> for English). Call sites read <c>Messages.Get("Content.NotFound")</c> or
/// <c>Messages.Get("Validation.Mandatory", caption)</c> with <c>{0}</c>-style placeholders in the resource text.
/// A static catalog rather than an injected one: value objects, static validators and exceptions need texts too,
/// and the lookup depends only on the current UI culture. A unit test checks that every key used exists.
/// </summary>
public static class Messages
{
    /// <summary>The resource-backed catalog (also registered as <see cref="ITextCatalog"/> for injection).</summary>
    public static ITextCatalog Catalog { get; } =
        new ResourceTextCatalog(new ResourceManager("Initiativenberatung.Core.Resources.Messages", typeof(Messages).Assembly));

    public static string Get(string key, params object?[] args) => Catalog.Get(key, args);
}
