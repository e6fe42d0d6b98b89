using System.ComponentModel.DataAnnotations;
using Initiativenberatung.Infrastructure.Media;

namespace Initiativenberatung.UnitTests.Infrastructure.Media;

public sealed class MediaOptionsTests
{
    [Test]
    public void Allows_20_megabytes_per_file_When_nothing_is_configured()
    {
        var options = new MediaOptions();

        Assert.That(options.MaxUploadBytes, Is.EqualTo(20 * 1024 * 1024));
        Assert.That(Validate(options), Is.Empty);
        Assert.That(options.MaxRequestBytes, Is.GreaterThan(options.MaxUploadBytes * MediaOptions.MaxFilesPerRequest));
    }

    [TestCase(0L)]
    [TestCase(-5L)]
    [TestCase(3L * 1024 * 1024 * 1024)]
    public void Fails_validation_When_the_upload_limit_is_out_of_range(long bytes)
    {
        var errors = Validate(new MediaOptions { MaxUploadBytes = bytes });

        Assert.That(errors.Select(e => e.ErrorMessage), Has.Some.Contains("Media:MaxUploadBytes"));
    }

    private static List<ValidationResult> Validate(MediaOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
