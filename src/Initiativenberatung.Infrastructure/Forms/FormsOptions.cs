using Initiativenberatung.Core.Forms;
using Microsoft.Extensions.Options;

namespace Initiativenberatung.Infrastructure.Forms;

/// <summary>Section <c>Forms</c>.</summary>
public sealed class FormsOptions
{
    public const string SectionName = "Forms";

    /// <summary>
    /// Default precision of the stored submission time (<c>Day</c>, <c>Hour</c> or <c>Second</c>) for forms that do not set
    /// their own. Day by default, so entries cannot be matched against web-server logs.
    /// </summary>
    public string SubmittedAtPrecision { get; set; } = nameof(Core.Forms.SubmittedAtPrecision.Day);

    public SubmittedAtPrecision DefaultPrecision() =>
        SubmittedAtPrecisions.Parse(SubmittedAtPrecision) ?? Core.Forms.SubmittedAtPrecision.Day;
}

/// <summary>Checks <see cref="FormsOptions"/> at start, with German messages.</summary>
public sealed class FormsOptionsValidator : IValidateOptions<FormsOptions>
{
    public ValidateOptionsResult Validate(string? name, FormsOptions options) =>
        SubmittedAtPrecisions.Parse(options.SubmittedAtPrecision) is null
            ? ValidateOptionsResult.Fail($"Forms:SubmittedAtPrecision muss Day, Hour oder Second sein (ist „{options.SubmittedAtPrecision}“).")
            : ValidateOptionsResult.Success;
}
