using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Security;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> (and its password) configured, the data-protection keys (they sign the
/// back-office cookies) are stored encrypted with the certificate, and a second node with the same certificate reads them.
/// The certificate is a self-signed one made for the test.
/// </summary>
[TestFixture]
public sealed class DataProtectionAtRestTests
{
    private const string Password = "Zertifikat-Testpasswort-7";
    private const string Purpose = "DataProtectionAtRestTests";

    private CmsWebApplicationFactory _factory = null!;
    private string _certificatePath = null!;

    [OneTimeSetUp]
    public void StartSite()
    {
        _factory = new CmsWebApplicationFactory();
        Directory.CreateDirectory(_factory.TempDirectory);
        _certificatePath = Path.Combine(_factory.TempDirectory, "data-protection.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Initiativenberatung Data Protection Test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(_certificatePath, certificate.Export(X509ContentType.Pfx, Password));
        }

        _factory.Settings["DataProtection:CertificatePath"] = _certificatePath;
        _factory.Settings["DataProtection:CertificatePassword"] = Password;
    }

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Stores_the_key_ring_encrypted_When_a_certificate_is_configured()
    {
        var protector = _factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var token = protector.Protect("geheim");

        var keys = await KeysAsync();

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.Not.Empty);
            Assert.That(keys, Has.All.Contain("<encryptedSecret").And.Contain("EncryptedData").And.Not.Contain("<masterKey"));
            Assert.That(protector.Unprotect(token), Is.EqualTo("geheim"));
        });
    }

    [Test]
    public void Reads_the_encrypted_keys_on_another_node_When_it_has_the_same_certificate()
    {
        var token = _factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("geheim");

        // A node without the certificate is not started here: it could not read the key and would store a new, plain one.
        using var node = new CmsWebApplicationFactory();
        node.Settings["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_factory.TempDirectory, "site.db")}";
        node.Settings["DataProtection:CertificatePath"] = _certificatePath;
        node.Settings["DataProtection:CertificatePassword"] = Password;

        Assert.That(node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(token), Is.EqualTo("geheim"));
    }

    [Test]
    public void Refuses_to_start_naming_the_setting_When_the_certificate_file_is_missing()
    {
        using var site = new CmsWebApplicationFactory();
        site.Settings["DataProtection:CertificatePath"] = Path.Combine(site.TempDirectory, "fehlt.pfx");

        var error = Assert.Catch(() => _ = site.Services);

        Assert.That(Messages(error), Does.Contain("DataProtection:CertificatePath: Die Zertifikatsdatei"));
    }

    private static string Messages(Exception? error)
    {
        var messages = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" | ", messages);
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml ?? "").ToListAsync();
    }
}
