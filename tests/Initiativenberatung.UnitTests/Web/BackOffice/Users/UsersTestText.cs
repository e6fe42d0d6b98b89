using Initiativenberatung.Web.BackOffice.Users;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.UnitTests.Web.BackOffice.Users;

/// <summary>The real German texts of the users area, read from the web assembly's resources.</summary>
internal static class UsersTestText
{
    public static IStringLocalizer<UsersText> Create()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new StringLocalizer<UsersText>(factory);
    }
}
