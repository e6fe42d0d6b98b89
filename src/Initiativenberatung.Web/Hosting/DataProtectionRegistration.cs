using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Initiativenberatung.Web.Hosting;

/// <summary>
/// Encrypts the data-protection key ring at rest (the keys sign the back-office cookies and antiforgery tokens) when a
/// certificate is configured: <c>DataProtection:CertificatePath</c> (a PFX file, with <c>DataProtection:CertificatePassword</c>)
/// or <c>DataProtection:CertificateThumbprint</c> (a certificate in the user's or machine's <c>My</c> store). Without one
/// the keys are stored as plain XML, as before.
/// </summary>
public static class DataProtectionRegistration
{
    public const string SectionName = "DataProtection";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var path = section["CertificatePath"];
        var thumbprint = section["CertificateThumbprint"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"DataProtection:CertificatePath: Die Zertifikatsdatei „{path}“ gibt es nicht. Bitte geben Sie den Pfad einer PFX-Datei an oder lassen Sie die Einstellung leer.");
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new InvalidOperationException(
                    $"DataProtection:CertificatePath: Die Zertifikatsdatei „{path}“ lässt sich nicht öffnen (falsches DataProtection:CertificatePassword?).", ex);
            }

            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException(
                    $"DataProtection:CertificatePath: Das Zertifikat in „{path}“ enthält keinen privaten Schlüssel; ohne ihn lassen sich die Schlüssel nicht wieder lesen.");
            }

            return builder.ProtectKeysWithCertificate(certificate);
        }

        return string.IsNullOrWhiteSpace(thumbprint) ? builder : builder.ProtectKeysWithCertificate(thumbprint.Trim());
    }
}
