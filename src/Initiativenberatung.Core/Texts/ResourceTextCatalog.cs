using System.Globalization;
using System.Resources;

namespace Initiativenberatung.Core.Texts;

/// <summary>
/// An <see cref="ITextCatalog"/> over a .resx file: the neutral file holds German, a file <c>Name.en.resx</c> next to it
/// adds English and is used when <see cref="CultureInfo.CurrentUICulture"/> is <c>en</c> (the request culture in the web app).
/// </summary>
public sealed class ResourceTextCatalog(ResourceManager resources) : ITextCatalog
{
    public string Get(string key, params object?[] args)
    {
        var text = resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }

    public bool Contains(string key) => resources.GetString(key, CultureInfo.InvariantCulture) is not null;
}
