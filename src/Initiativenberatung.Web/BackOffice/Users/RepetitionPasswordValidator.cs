using System.Globalization;
using Initiativenberatung.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>
/// Rejects passwords whose length comes from repetition, not from choice: a short pattern repeated
/// (<c>abcdabcdabcd</c>, <c>ab12-ab12-ab12</c>, also with digits or symbols around it) and a word written twice in a
/// row (<c>Passwort-Passwort</c>, <c>Sonne Sonne Mond</c>). Case and separators do not matter.
/// </summary>
public sealed class RepetitionPasswordValidator(IStringLocalizer<UsersText> text) : IPasswordValidator<BackOfficeUser>
{
    public const string RepeatedPatternCode = "PasswordRepeatedPattern";
    public const string DoubledWordCode = "PasswordDoubledWord";

    /// <summary>Words shorter than this may follow each other (<c>la-la-Land</c> is not the point).</summary>
    private const int MinimumWordLength = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        string? code = IsRepeatedPattern(password) ? RepeatedPatternCode : HasDoubledWord(password) ? DoubledWordCode : null;
        return Task.FromResult(code is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = code, Description = text["Identity." + code] }));
    }

    /// <summary>
    /// True when the letters and digits (lower-case, separators removed) are one shorter unit repeated, the last time
    /// possibly cut short; also once digits and symbols at the start or end are removed (<c>abcdabcdabcd2026!</c>).
    /// </summary>
    public static bool IsRepeatedPattern(string password)
    {
        var lower = password.ToLower(CultureInfo.InvariantCulture);
        var core = lower.AsSpan().Trim(" 0123456789!\"§$%&/()=?*+~#'-_.:,;<>|^°@€[]{}\\`´");
        return IsRepetition(LettersAndDigits(lower)) || IsRepetition(LettersAndDigits(core));
    }

    /// <summary>True when two words (runs of letters, at least three) follow each other with the same spelling.</summary>
    public static bool HasDoubledWord(string password)
    {
        string? previous = null;
        var index = 0;
        while (index < password.Length)
        {
            if (!char.IsLetter(password[index]))
            {
                index++;
                continue;
            }

            var start = index;
            while (index < password.Length && char.IsLetter(password[index]))
            {
                index++;
            }

            var word = password[start..index];
            if (word.Length >= MinimumWordLength && string.Equals(word, previous, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            previous = word;
        }

        return false;
    }

    private static string LettersAndDigits(ReadOnlySpan<char> value)
    {
        var result = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>A unit of at most half the length, repeated to fill the whole text (at least two full times).</summary>
    private static bool IsRepetition(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            var repeats = true;
            for (var i = unit; i < value.Length && repeats; i++)
            {
                repeats = value[i] == value[i - unit];
            }

            if (repeats)
            {
                return true;
            }
        }

        return false;
    }
}
