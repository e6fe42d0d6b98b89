using Initiativenberatung.Infrastructure.Forms.Export;

namespace Initiativenberatung.UnitTests.Infrastructure.Forms.Export;

[TestFixture]
public class ExportFileNameTests
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    [TestCase("umfrage-kommunen", "csv", "umfrage-kommunen-2025-03-01.csv")]
    [TestCase("umfrageKommunen", ".xlsx", "umfrageKommunen-2025-03-01.xlsx")]
    [TestCase("../../etc/passwd", "csv", "etc-passwd-2025-03-01.csv")]
    [TestCase("C:\\Windows\\win.ini", "csv", "C-Windows-win-ini-2025-03-01.csv")]
    [TestCase("a.b..c.", "csv", "a-b-c-2025-03-01.csv")]
    [TestCase("Umfrage \"Förderung\" 2025", "CSV", "Umfrage-Förderung-2025-2025-03-01.csv")]
    [TestCase("  Straße & Grün  ", "csv", "Straße-Grün-2025-03-01.csv")]
    [TestCase("", "csv", "formular-2025-03-01.csv")]
    [TestCase("   ", "csv", "formular-2025-03-01.csv")]
    [TestCase("..", "csv", "formular-2025-03-01.csv")]
    [TestCase("\u202Egnp.exe", "csv", "gnp-exe-2025-03-01.csv")]
    [TestCase("a\r\nContent-Type: x", "csv", "a-Content-Type-x-2025-03-01.csv")]
    public void Builds_safe_file_name_When_alias_is(string alias, string extension, string expected)
    {
        Assert.That(ExportFileName.For(alias, Day, extension), Is.EqualTo(expected));
    }

    [Test]
    public void Uses_fallback_When_alias_is_null()
    {
        Assert.That(ExportFileName.For(null, Day, "csv"), Is.EqualTo("formular-2025-03-01.csv"));
    }

    [Test]
    public void Cuts_alias_When_alias_is_very_long()
    {
        var name = ExportFileName.For(new string('x', 500), Day, "csv");

        Assert.That(name, Is.EqualTo(new string('x', ExportFileName.MaxAliasLength) + "-2025-03-01.csv"));
    }

    [TestCase("")]
    [TestCase("c/sv")]
    [TestCase("csv\"")]
    public void Rejects_extension_When_not_letters_and_digits(string extension)
    {
        Assert.Throws<ArgumentException>(() => ExportFileName.For("umfrage", Day, extension));
    }

    [Test]
    public void Gives_ascii_fallback_and_utf8_name_When_name_has_umlauts()
    {
        var header = ExportFileName.ContentDisposition("Umfrage-Förderung-2025-03-01.csv");

        Assert.That(header, Is.EqualTo(
            "attachment; filename=Umfrage-Foerderung-2025-03-01.csv; filename*=UTF-8''Umfrage-F%C3%B6rderung-2025-03-01.csv"));
    }

    [Test]
    public void Keeps_plain_name_When_name_is_ascii()
    {
        var header = ExportFileName.ContentDisposition("umfrage-2025-03-01.csv");

        Assert.That(header, Is.EqualTo("attachment; filename=umfrage-2025-03-01.csv; filename*=UTF-8''umfrage-2025-03-01.csv"));
    }
}
