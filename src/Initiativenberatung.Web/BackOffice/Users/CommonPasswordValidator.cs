using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>
/// Rejects passwords that are on the block list of common passwords (embedded in
/// <c>Resources/BackOffice.Users.CommonPasswords.resx</c>: well-known leaked passwords, German favourites and the
/// project's own words), also when only digits or symbols were put around a listed word (<c>Passwort2026!</c>),
/// and passwords that contain the user's e-mail name. Case does not matter.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<UsersText> text) : IPasswordValidator<BackOfficeUser>
{
    public const string CommonCode = "PasswordCommon";
    public const string ContainsEmailCode = "PasswordContainsEmail";

    /// <summary>Listed words shorter than this are not looked for inside a longer password (too many false alarms).</summary>
    private const int MinimumCoreLength = 4;

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static FrozenSet<string> BlockList => List.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = text["Identity." + CommonCode] });
        }

        if (ContainsEmailName(password, user.Email ?? user.UserName))
        {
            errors.Add(new IdentityError { Code = ContainsEmailCode, Description = text["Identity." + ContainsEmailCode] });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>True when the password, or its letters once digits and symbols around them are removed, is on the list.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLower(CultureInfo.InvariantCulture);
        if (BlockList.Contains(lower))
        {
            return true;
        }

        var core = lower.AsSpan().Trim(" 0123456789!\"§$%&/()=?*+~#'-_.:,;<>|^°@€[]{}\\`´");
        return core.Length >= MinimumCoreLength && BlockList.GetAlternateLookup<ReadOnlySpan<char>>().Contains(core);
    }

    /// <summary>True when the password contains the e-mail's local part, or one of its parts of four or more letters (<c>max.mustermann</c>).</summary>
    public static bool ContainsEmailName(string password, string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? email[..at] : email;
        if (local.Length >= 3 && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries)
            .Any(part => part.Length >= MinimumCoreLength && password.Contains(part, StringComparison.OrdinalIgnoreCase));
    }

    private static FrozenSet<string> Load()
    {
        var resources = new ResourceManager("Initiativenberatung.Web.Resources.BackOffice.Users.CommonPasswords", typeof(CommonPasswordValidator).Assembly);
        var raw = resources.GetString("List", CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException("Die Liste häufiger Passwörter fehlt (Resources/BackOffice.Users.CommonPasswords.resx).");
        return raw.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.ToLower(CultureInfo.InvariantCulture))
            .ToFrozenSet(StringComparer.Ordinal);
    }
}
