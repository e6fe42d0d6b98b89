using System.ComponentModel.DataAnnotations;
using Initiativenberatung.Infrastructure.Persistence;

namespace Initiativenberatung.UnitTests.Infrastructure.Persistence;

public sealed class DatabaseOptionsTests
{
    [TestCase("Sqlite", true)]
    [TestCase("PostgreSql", true)]
    [TestCase("postgresql", true)]
    [TestCase("SQLITE", true)]
    [TestCase("MySql", false)]
    [TestCase("", false)]
    public void Validates_provider_name_When_options_are_bound(string provider, bool valid)
    {
        var options = new DatabaseOptions { Provider = provider };
        var results = new List<ValidationResult>();

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.That(ok, Is.EqualTo(valid), string.Join("; ", results.Select(r => r.ErrorMessage)));
    }
}
