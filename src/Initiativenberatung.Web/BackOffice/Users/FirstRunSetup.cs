using Initiativenberatung.Core.Auditing;
using System.Buffers.Text;
using System.Security.Cryptography;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Users;
using Initiativenberatung.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>
/// The one-time token of the setup link (<c>/umbraco/install?token=…</c>): 32 random bytes, kept only in memory,
/// compared in constant time, and closed for good once an administrator exists.
/// </summary>
public sealed class SetupToken
{
    private byte[]? _token;

    /// <summary>Creates a new token (base64url) and forgets any earlier one.</summary>
    public string Issue()
    {
        var token = RandomNumberGenerator.GetBytes(32);
        Volatile.Write(ref _token, token);
        return Base64Url.EncodeToString(token);
    }

    public bool IsOpen => Volatile.Read(ref _token) is not null;

    public bool Matches(string? candidate)
    {
        var token = Volatile.Read(ref _token);
        if (token is null || string.IsNullOrEmpty(candidate) || candidate.Length > 128 || !Base64Url.IsValid(candidate))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(token, Base64Url.DecodeFromChars(candidate));
    }

    public void Close() => Volatile.Write(ref _token, null);
}

/// <summary>Creates the first administrator, either from <see cref="SetupOptions"/> at start or through the setup page.</summary>
public sealed class FirstAdministrator(UserManager<BackOfficeUser> users, UserAdministration administration, SetupToken token)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>True while the database has no back-office user at all.</summary>
    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken = default) => !await users.Users.AnyAsync(cancellationToken);

    /// <summary>Every problem of the form at once (e-mail, name, each password rule), without creating anything.</summary>
    public Task<IReadOnlyList<UserError>> ValidateAsync(string email, string displayName, string password) =>
        administration.ValidateNewAsync(new NewBackOfficeUser(email, displayName, BackOfficeRoles.Administrator, password));

    /// <summary>Creates the administrator unless someone else was quicker; closes the setup link either way.</summary>
    /// <returns><c>null</c> when a user exists already.</returns>
    public async Task<UserResult?> CreateAsync(string email, string displayName, string password, Actor actor, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!await IsNeededAsync(cancellationToken))
            {
                token.Close();
                return null;
            }

            var result = await administration.CreateAsync(actor, new NewBackOfficeUser(email, displayName, BackOfficeRoles.Administrator, password), cancellationToken);
            if (result.Succeeded)
            {
                token.Close();
            }

            return result;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>
/// After the roles exist: with no user in the database, creates the administrator from <c>Setup:AdminEmail</c> /
/// <c>Setup:AdminPassword</c>, or else prints the one-time setup link once the server listens.
/// </summary>
internal sealed class FirstAdministratorStep(
    FirstAdministrator first,
    SetupToken token,
    IOptions<SetupOptions> options,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<FirstAdministratorStep> logger) : IStartupStep
{
    public int Order => -90;

    public async Task RunAsync(StartupContext context, CancellationToken cancellationToken)
    {
        if (!await first.IsNeededAsync(cancellationToken))
        {
            token.Close();
            return;
        }

        var setup = options.Value;
        if (setup.HasAdministrator)
        {
            var email = setup.AdminEmail!.Trim();
            var result = await first.CreateAsync(email, setup.AdminName ?? "", setup.AdminPassword!, new Actor(null, "Setup"), cancellationToken);
            if (result is { Succeeded: false })
            {
                throw new InvalidOperationException(
                    $"Der Administrator aus Setup:AdminEmail/Setup:AdminPassword konnte nicht angelegt werden: {string.Join(" ", result.Errors.Select(e => e.Message))}");
            }

            logger.LogInformation("Administrator {Email} angelegt (aus Setup:AdminEmail).", email);
            return;
        }

        var issued = token.Issue();
        lifetime.ApplicationStarted.Register(() =>
        {
            var link = $"{BaseAddress(server)}{BackOfficeRegistration.PathPrefix}/install?token={issued}";
            logger.LogWarning("Noch kein Benutzer vorhanden. Einmaliger Einrichtungslink für den ersten Administrator: {SetupLink}", link);
            Console.WriteLine();
            Console.WriteLine("Erste Anmeldung: Noch kein Benutzer vorhanden. Legen Sie den ersten Administrator an über");
            Console.WriteLine("  " + link);
            Console.WriteLine("(Der Link gilt einmal und nur, solange dieser Prozess läuft.)");
            Console.WriteLine();
        });
    }

    /// <summary>The first listening address, with a wildcard host (<c>[::]</c>, <c>0.0.0.0</c>, <c>+</c>, <c>*</c>) shown as <c>localhost</c>.</summary>
    internal static string BaseAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (string.IsNullOrEmpty(address))
        {
            return "http://localhost";
        }

        foreach (var wildcard in new[] { "://[::]", "://0.0.0.0", "://+", "://*" })
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return address.TrimEnd('/');
    }
}
